import { createHash } from "node:crypto";
import { type Answer, type Endpoint, Rejected, type Received, startEndpoint, Xml } from "./_endpoint";
import { cloudFormationApi, type Given, type Stack } from "./_aws-cloudformation";
import { account, cfnNs, checkSignature, escape, queryAnswer, queryError, s3Error, serviceOf, xml } from "./_aws-protocol";

export type { Given, Stack, Template } from "./_aws-cloudformation";

/**
 * A stand-in for the AWS APIs `osls deploy` and `osls remove` call through the
 * AWS SDK v3 when `AWS_ENDPOINT_URL` points here:
 * - CloudFormation, Query protocol (version 2010-05-15): form-encoded
 *   `POST /` with `Action` and `Version`, XML answers `<{Action}Response>`
 *   wrapping `<{Action}Result>` and `ResponseMetadata`, errors as
 *   `<ErrorResponse><Error><Type/><Code/><Message/></Error>`
 *   (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/ ,
 *   lists as `member` elements). Stack operations finish at once: their events
 *   end in `*_COMPLETE`.
 * - STS GetCallerIdentity, the same protocol (version 2011-06-15)
 *   (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
 * - S3, REST with path-style addressing (`/{bucket}/{key}`, as the SDK does
 *   for an IP endpoint): HeadBucket, ListObjectsV2 (`?list-type=2`),
 *   PutObject, DeleteObjects (`POST ?delete`, Content-MD5 or a checksum
 *   header required) (https://docs.aws.amazon.com/AmazonS3/latest/API/).
 * - Lambda GetFunction (REST JSON, `GET /2015-03-31/functions/{name}`; a
 *   missing function is 404 with `X-Amzn-ErrorType: ResourceNotFoundException`),
 *   which osls asks before uploading to learn when the code last changed.
 * - ECR DescribeRepositories (JSON 1.1, `X-Amz-Target`), which osls asks
 *   before removing a stack: no image repository (`RepositoryNotFoundException`).
 * Every request must carry a SigV4 `Authorization` whose credential scope
 * names this region and the service the request belongs to, and whose
 * signature verifies with the test's secret key
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
 */
export interface AwsEndpoint extends Endpoint {
  /** Stacks by name, as created by their last executed change set. */
  readonly stacks: Map<string, Stack>;
  /** Objects by `bucket/key`. */
  readonly objects: Map<string, Buffer>;
  /** Every template CloudFormation was given, in order (CreateChangeSet, ValidateTemplate…), with the TemplateURL it was read from, if any. */
  readonly templates: Given[];
}

export async function startAwsEndpoint(accessKeyId: string, secretKey: string, region: string): Promise<AwsEndpoint> {
  const objects = new Map<string, Buffer>();
  const buckets = new Set<string>();
  const { stacks, templates, handle: cloudFormation } = cloudFormationApi(region, objects, buckets);
  const now = (): string => new Date().toISOString();

  function s3(request: Received): Answer {
    const [, bucket = "", ...rest] = request.path.split("/");
    const key = decodeURIComponent(rest.join("/"));
    if (!bucket) s3Error("InvalidRequest", "path-style requests name the bucket first", 400);
    if (!buckets.has(bucket)) s3Error("NoSuchBucket", `The specified bucket ${bucket} does not exist`, 404);
    if (request.method === "HEAD" && !key) {
      request.action = "HeadBucket";
      return { headers: { "x-amz-bucket-region": region } };
    }
    if (request.method === "GET" && !key && request.query.get("list-type") === "2") {
      request.action = "ListObjectsV2";
      const prefix = request.query.get("prefix") ?? "";
      const contents = [...objects.entries()]
        .filter(([name]) => name.startsWith(`${bucket}/${prefix}`))
        .map(([name, body]) => ({
          Key: name.slice(bucket.length + 1),
          LastModified: now(),
          ETag: `"${createHash("md5").update(body).digest("hex")}"`,
          Size: body.length,
          StorageClass: "STANDARD",
        }));
      return {
        body: new Xml(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${xml({ Name: bucket, Prefix: prefix, KeyCount: contents.length, MaxKeys: 1000, IsTruncated: false })}${contents.map((each) => `<Contents>${xml(each)}</Contents>`).join("")}</ListBucketResult>`,
        ),
      };
    }
    if (request.method === "PUT" && key) {
      request.action = "PutObject";
      objects.set(`${bucket}/${key}`, request.body);
      return { headers: { etag: `"${createHash("md5").update(request.body).digest("hex")}"` } };
    }
    if (request.method === "POST" && !key && request.query.has("delete")) {
      request.action = "DeleteObjects";
      if (!request.headers["content-md5"] && !Object.keys(request.headers).some((name) => name.startsWith("x-amz-checksum-")))
        s3Error("InvalidRequest", "Missing required header for this request: Content-MD5 or x-amz-checksum-*", 400);
      const keys = [...request.body.toString("utf8").matchAll(/<Key>([^<]*)<\/Key>/g)].map(([, each]) => each!.replace(/&amp;/g, "&"));
      if (keys.length === 0) s3Error("MalformedXML", "DeleteObjects names no object", 400);
      for (const each of keys) objects.delete(`${bucket}/${each}`);
      return {
        body: new Xml(
          `<?xml version="1.0" encoding="UTF-8"?><DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${keys.map((each) => `<Deleted><Key>${escape(each)}</Key></Deleted>`).join("")}</DeleteResult>`,
        ),
      };
    }
    request.action = `S3 ${request.method}`;
    return s3Error("NotImplemented", `S3 ${request.method} ${request.path}?${request.query.toString()} is not one this endpoint knows`, 501);
  }

  function lambda(request: Received): Answer {
    const name = decodeURIComponent(request.path.slice("/2015-03-31/functions/".length));
    request.action = "GetFunction";
    if (request.method !== "GET") throw new Rejected(`Lambda ${request.method} ${request.path} is not one this endpoint knows`, 501);
    const stack = [...stacks.values()].find((each) =>
      Object.values(each.template.Resources).some((resource) => resource.Type === "AWS::Lambda::Function" && resource.Properties?.["FunctionName"] === name),
    );
    if (!stack) {
      const message = `Function not found: arn:aws:lambda:${region}:${account}:function:${name}`;
      throw new Rejected(message, 404, { Type: "User", Message: message }, true, { "x-amzn-errortype": "ResourceNotFoundException" });
    }
    return { body: { Configuration: { FunctionName: name, LastModified: now() } } };
  }

  /** ECR, JSON 1.1 protocol: osls asks whether the service's image repository exists before removing a stack. */
  function ecr(request: Received): Answer {
    request.action = String(request.headers["x-amz-target"]).split(".")[1] ?? "";
    if (request.action !== "DescribeRepositories") throw new Rejected(`ECR action ${request.action} is not one this endpoint knows`, 400);
    const names = (JSON.parse(request.body.toString("utf8")) as { repositoryNames?: string[] }).repositoryNames ?? [];
    const message = `The repository with name '${names[0] ?? ""}' does not exist in the registry with id '${account}'`;
    throw new Rejected(message, 400, { __type: "RepositoryNotFoundException", message }, true);
  }

  const route = (request: Received): Answer => {
    const form = request.method === "POST" && request.path === "/" ? new URLSearchParams(request.body.toString("utf8")) : new URLSearchParams();
    const service = serviceOf(request, form);
    request.action = form.get("Action") ?? "";
    checkSignature(request, accessKeyId, secretKey, region, service);
    if (service === "sts") {
      if (request.action !== "GetCallerIdentity") queryError("InvalidAction", `STS action ${request.action} is not one this endpoint knows`);
      return queryAnswer("GetCallerIdentity", "https://sts.amazonaws.com/doc/2011-06-15/", {
        Arn: `arn:aws:iam::${account}:user/faasport-test`,
        UserId: accessKeyId,
        Account: account,
      });
    }
    if (service === "cloudformation") return cloudFormation(request.action, form);
    if (service === "lambda") return lambda(request);
    if (service === "ecr") return ecr(request);
    return s3(request);
  };
  // A failed check answers in the shape of the API the request was for, so the SDK reports its message.
  const endpoint = await startEndpoint(route, (error, request) => {
    const code = error.status === 403 ? "SignatureDoesNotMatch" : "InvalidRequest";
    if (request.path.startsWith("/2015-03-31/")) return { Type: "User", Message: error.message };
    if (request.headers["x-amz-target"]) return { __type: code, message: error.message };
    if (request.path === "/" && request.method === "POST")
      return new Xml(`<ErrorResponse xmlns="${cfnNs}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(error.message)}</Message></Error></ErrorResponse>`);
    return new Xml(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escape(error.message)}</Message></Error>`);
  });
  return { ...endpoint, stacks, objects, templates, close: endpoint.close };
}

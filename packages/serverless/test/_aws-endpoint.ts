import { createHash, randomUUID } from "node:crypto";
import { type Answer, type Endpoint, hmac, Rejected, type Received, sha256, startEndpoint, Xml } from "./_endpoint";

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

export interface Given {
  readonly action: string;
  readonly template: Template;
  readonly url?: string;
}

export interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface Stack {
  readonly id: string;
  readonly name: string;
  template: Template;
  status: string;
  readonly events: Record<string, string>[];
}

const account = "123456789012";
const cfnNs = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** XML from a plain value: arrays become `member` lists (the Query protocol's), objects nested elements. */
function xml(value: unknown, list = "member"): string {
  if (Array.isArray(value)) return value.map((item) => `<${list}>${xml(item)}</${list}>`).join("");
  if (typeof value === "object" && value !== null)
    return Object.entries(value)
      .filter(([, each]) => each !== undefined)
      .map(([name, each]) => `<${name}>${xml(each)}</${name}>`)
      .join("");
  return escape(String(value));
}

const queryAnswer = (action: string, namespace: string, result: Record<string, unknown>): Answer => ({
  body: new Xml(
    `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${namespace}"><${action}Result>${xml(result)}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  ),
});

const queryError = (code: string, message: string, status = 400, expected = false): never => {
  throw new Rejected(
    message,
    status,
    new Xml(
      `<ErrorResponse xmlns="${cfnNs}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    ),
    expected,
  );
};

const s3Error = (code: string, message: string, status: number, expected = false): never => {
  throw new Rejected(
    message,
    status,
    new Xml(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escape(message)}</Message><RequestId>test</RequestId></Error>`),
    expected,
  );
};

/** RFC 3986 encoding, as SigV4's canonical query string wants it. */
const uriEncode = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** Which service a request belongs to, from its shape: a Query API names its version, anything else here is S3 or Lambda. */
function serviceOf(request: Received, form: URLSearchParams): string {
  if (String(request.headers["x-amz-target"]).startsWith("AmazonEC2ContainerRegistry_V20150921.")) return "ecr";
  if (request.path.startsWith("/2015-03-31/functions/")) return "lambda";
  if (request.method === "POST" && request.path === "/" && String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) {
    const version = form.get("Version");
    if (version === "2010-05-15") return "cloudformation";
    if (version === "2011-06-15") return "sts";
    return queryError("InvalidAction", `unknown Query API version ${String(version)}`);
  }
  return "s3";
}

function checkSignature(request: Received, accessKeyId: string, secretKey: string, region: string, service: string): void {
  const authorization = String(request.headers["authorization"] ?? "");
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) throw new Rejected(`Authorization is not AWS4-HMAC-SHA256: ${authorization || "(none)"}`, 403);
  const [, id, date, scopeRegion, scopeService, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string, string];
  if (id !== accessKeyId) throw new Rejected(`signed with access key ${id}`, 403);
  if (scopeRegion !== region) throw new Rejected(`the credential scope names region ${scopeRegion}, expected ${region}`, 403);
  if (scopeService !== service) throw new Rejected(`the credential scope names service ${scopeService}, the request is for ${service}`, 403);
  const amzDate = String(request.headers["x-amz-date"] ?? "");
  if (amzDate.slice(0, 8) !== date) throw new Rejected("the credential date is not X-Amz-Date's", 403);
  if (!signedHeaders.split(";").includes("host")) throw new Rejected("the signature does not cover host", 403);
  const declared = request.headers["x-amz-content-sha256"];
  const payloadHash = typeof declared === "string" ? declared : sha256(request.body);
  if (typeof declared === "string" && declared !== "UNSIGNED-PAYLOAD" && declared !== sha256(request.body)) throw new Rejected("x-amz-content-sha256 is not the body's hash", 400);
  const query = [...request.query.entries()]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  const headers = signedHeaders
    .split(";")
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? "")
          .trim()
          .replace(/\s+/g, " ")}\n`,
    )
    .join("");
  // The path as sent: S3 encodes each segment once; the Query APIs use `/`.
  const canonical = [request.method, request.path, query, headers, signedHeaders, payloadHash].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, date), region), service), "aws4_request");
  if (hmac(key, toSign).toString("hex") !== signature) throw new Rejected(`the SigV4 signature does not verify (${service})`, 403);
}

/** Fails unless each named Query parameter is present. */
function requireParams(form: URLSearchParams, names: readonly string[]): void {
  for (const name of names) if (!form.get(name)) queryError("ValidationError", `${name} is required`);
}

export async function startAwsEndpoint(accessKeyId: string, secretKey: string, region: string): Promise<AwsEndpoint> {
  const stacks = new Map<string, Stack>();
  const changeSets = new Map<string, { id: string; stack: string; type: string; template: Template }>();
  const objects = new Map<string, Buffer>();
  const buckets = new Set<string>();
  const templates: Given[] = [];
  const deleted = new Map<string, Stack>();
  const now = (): string => new Date().toISOString();

  const findStack = (nameOrId: string): Stack | undefined => stacks.get(nameOrId) ?? [...stacks.values(), ...deleted.values()].find((stack) => stack.id === nameOrId);
  const missingStack = (name: string): never => queryError("ValidationError", `Stack with id ${name} does not exist`, 400, true);

  /** The template of a request: its body, or the S3 object its TemplateURL names (which must exist); recorded in `templates`. */
  function templateOf(action: string, form: URLSearchParams): Template {
    const body = form.get("TemplateBody");
    const url = form.get("TemplateURL");
    if (!body === !url) queryError("ValidationError", "exactly one of TemplateBody and TemplateURL is required");
    let text = body;
    if (url) {
      // "The URL must point to a template (max size: 1 MB) that's located in an Amazon S3 bucket."
      const match = /^https:\/\/s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/([^/]+)\/(.+)$/.exec(url);
      const object = match ? objects.get(`${match[1]}/${decodeURIComponent(match[2]!)}`) : undefined;
      if (!object) queryError("ValidationError", `TemplateURL ${url} names no uploaded object`);
      text = object!.toString("utf8");
    }
    try {
      const template = JSON.parse(text!) as Template;
      if (typeof template.Resources !== "object") throw new Error("no Resources");
      templates.push(url ? { action, template, url } : { action, template });
      return template;
    } catch (error) {
      return queryError("ValidationError", `Template format error: ${String(error)}`);
    }
  }

  function event(stack: Stack, logicalId: string, type: string, status: string, physicalId: string): void {
    // Newest first, as DescribeStackEvents returns them.
    stack.events.unshift({
      StackId: stack.id,
      EventId: randomUUID(),
      StackName: stack.name,
      LogicalResourceId: logicalId,
      PhysicalResourceId: physicalId,
      ResourceType: type,
      Timestamp: now(),
      ResourceStatus: status,
    });
  }

  const physicalId = (stack: Stack, logicalId: string): string =>
    logicalId === "ServerlessDeploymentBucket" ? `${stack.name}-serverlessdeploymentbucket-test` : `${stack.name}-${logicalId}`;

  /** Applies a template at once: every resource and then the stack reach `{OP}_COMPLETE`. */
  function apply(stack: Stack, operation: "CREATE" | "UPDATE" | "DELETE", template: Template): void {
    event(stack, stack.name, "AWS::CloudFormation::Stack", `${operation}_IN_PROGRESS`, stack.id);
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      event(stack, logicalId, resource.Type, `${operation}_COMPLETE`, physicalId(stack, logicalId));
      if (resource.Type === "AWS::S3::Bucket") {
        if (operation === "DELETE") buckets.delete(physicalId(stack, logicalId));
        else buckets.add(physicalId(stack, logicalId));
      }
    }
    stack.template = template;
    stack.status = `${operation}_COMPLETE`;
    event(stack, stack.name, "AWS::CloudFormation::Stack", stack.status, stack.id);
  }

  function outputs(stack: Stack): Record<string, string>[] {
    return Object.entries(stack.template.Outputs ?? {}).flatMap(([key, output]) => {
      const value = output.Value as Record<string, unknown> | string;
      // Only what a Ref to a resource of this stack resolves to; the rest would be invented.
      if (typeof value === "object" && typeof value["Ref"] === "string") return [{ OutputKey: key, OutputValue: physicalId(stack, value["Ref"]) }];
      return [];
    });
  }

  function cloudFormation(action: string, form: URLSearchParams): Answer {
    const answer = (result: Record<string, unknown>): Answer => queryAnswer(action, cfnNs, result);
    switch (action) {
      case "DescribeStacks": {
        const name = form.get("StackName");
        const stack = name ? findStack(name) : undefined;
        if (name && (!stack || stack.status === "DELETE_COMPLETE")) return missingStack(name);
        const list = stack ? [stack] : [...stacks.values()];
        return answer({ Stacks: list.map((each) => ({ StackId: each.id, StackName: each.name, CreationTime: now(), StackStatus: each.status, Outputs: outputs(each) })) });
      }
      case "CreateChangeSet": {
        requireParams(form, ["StackName", "ChangeSetName"]);
        const name = form.get("StackName")!;
        const type = form.get("ChangeSetType") ?? "UPDATE";
        if (!["CREATE", "UPDATE"].includes(type)) queryError("ValidationError", `ChangeSetType ${type}`);
        if (type === "CREATE" && stacks.has(name)) queryError("AlreadyExistsException", `Stack [${name}] already exists`);
        if (type === "UPDATE" && !stacks.has(name)) missingStack(name);
        const template = templateOf(action, form);
        const capabilities = [...form.entries()].filter(([key]) => key.startsWith("Capabilities.member.")).map(([, value]) => value);
        // A template that creates named IAM resources needs CAPABILITY_NAMED_IAM (or CAPABILITY_IAM for unnamed ones).
        if (Object.values(template.Resources).some((resource) => resource.Type.startsWith("AWS::IAM::")) && !capabilities.some((each) => each.startsWith("CAPABILITY_")))
          queryError("InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_NAMED_IAM]");
        const stackId = stacks.get(name)?.id ?? `arn:aws:cloudformation:${region}:${account}:stack/${name}/${randomUUID()}`;
        if (type === "CREATE") stacks.set(name, { id: stackId, name, template: { Resources: {} }, status: "REVIEW_IN_PROGRESS", events: [] });
        const id = `arn:aws:cloudformation:${region}:${account}:changeSet/${form.get("ChangeSetName")}/${randomUUID()}`;
        changeSets.set(`${name}/${form.get("ChangeSetName")}`, { id, stack: name, type, template });
        return answer({ Id: id, StackId: stackId });
      }
      case "DescribeChangeSet": {
        requireParams(form, ["ChangeSetName"]);
        const changeSet =
          changeSets.get(`${form.get("StackName")}/${form.get("ChangeSetName")}`) ?? queryError("ChangeSetNotFound", `ChangeSet ${form.get("ChangeSetName")} does not exist`, 404);
        const stack = stacks.get(changeSet.stack)!;
        const changes = Object.entries(changeSet.template.Resources).map(([logicalId, resource]) => ({
          Type: "Resource",
          ResourceChange: { Action: stack.template.Resources[logicalId] ? "Modify" : "Add", LogicalResourceId: logicalId, ResourceType: resource.Type },
        }));
        return answer({
          ChangeSetName: form.get("ChangeSetName"),
          ChangeSetId: changeSet.id,
          StackId: stack.id,
          StackName: stack.name,
          CreationTime: now(),
          ExecutionStatus: "AVAILABLE",
          Status: "CREATE_COMPLETE",
          Changes: changes,
        });
      }
      case "ExecuteChangeSet": {
        requireParams(form, ["ChangeSetName"]);
        const key = `${form.get("StackName")}/${form.get("ChangeSetName")}`;
        const changeSet = changeSets.get(key) ?? queryError("ChangeSetNotFound", `ChangeSet ${form.get("ChangeSetName")} does not exist`, 404);
        changeSets.delete(key);
        apply(stacks.get(changeSet.stack)!, changeSet.type === "CREATE" ? "CREATE" : "UPDATE", changeSet.template);
        return answer({});
      }
      case "DescribeStackEvents": {
        requireParams(form, ["StackName"]);
        const stack = findStack(form.get("StackName")!) ?? missingStack(form.get("StackName")!);
        return answer({ StackEvents: stack.events });
      }
      case "DescribeStackResource": {
        requireParams(form, ["StackName", "LogicalResourceId"]);
        const stack = findStack(form.get("StackName")!) ?? missingStack(form.get("StackName")!);
        const logicalId = form.get("LogicalResourceId")!;
        const resource = stack.template.Resources[logicalId] ?? queryError("ValidationError", `Resource ${logicalId} does not exist for stack ${stack.name}`);
        return answer({
          StackResourceDetail: {
            StackName: stack.name,
            StackId: stack.id,
            LogicalResourceId: logicalId,
            PhysicalResourceId: physicalId(stack, logicalId),
            ResourceType: resource.Type,
            LastUpdatedTimestamp: now(),
            ResourceStatus: stack.status,
          },
        });
      }
      case "ListStackResources": {
        requireParams(form, ["StackName"]);
        const stack = findStack(form.get("StackName")!) ?? missingStack(form.get("StackName")!);
        return answer({
          StackResourceSummaries: Object.entries(stack.template.Resources).map(([logicalId, resource]) => ({
            LogicalResourceId: logicalId,
            PhysicalResourceId: physicalId(stack, logicalId),
            ResourceType: resource.Type,
            LastUpdatedTimestamp: now(),
            ResourceStatus: stack.status,
          })),
        });
      }
      case "ValidateTemplate": {
        const template = templateOf(action, form);
        return answer({ Parameters: [], Description: String((template as { Description?: string }).Description ?? "") });
      }
      case "DeleteChangeSet": {
        requireParams(form, ["ChangeSetName"]);
        // osls clears its change set name before each update; one that is not there leaves nothing to delete.
        changeSets.delete(`${form.get("StackName")}/${form.get("ChangeSetName")}`);
        return answer({});
      }
      case "DeleteStack": {
        requireParams(form, ["StackName"]);
        const stack = stacks.get(form.get("StackName")!);
        // Deleting a stack that does not exist succeeds, as AWS documents.
        if (stack) {
          apply(stack, "DELETE", stack.template);
          stacks.delete(stack.name);
          deleted.set(stack.id, stack);
        }
        return answer({});
      }
      default:
        return queryError("InvalidAction", `CloudFormation action ${action} is not one this endpoint knows`);
    }
  }

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

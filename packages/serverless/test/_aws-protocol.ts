import { randomUUID } from "node:crypto";
import { type Answer, hmac, Rejected, type Received, sha256, Xml } from "./_endpoint";

/** The wire formats of the AWS APIs `_aws-endpoint.ts` stands in for, and the SigV4 check every request passes. */

export const account = "123456789012";
export const cfnNs = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

export const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** XML from a plain value: arrays become `member` lists (the Query protocol's), objects nested elements. */
export function xml(value: unknown, list = "member"): string {
  if (Array.isArray(value)) return value.map((item) => `<${list}>${xml(item)}</${list}>`).join("");
  if (typeof value === "object" && value !== null)
    return Object.entries(value)
      .filter(([, each]) => each !== undefined)
      .map(([name, each]) => `<${name}>${xml(each)}</${name}>`)
      .join("");
  return escape(String(value));
}

export const queryAnswer = (action: string, namespace: string, result: Record<string, unknown>): Answer => ({
  body: new Xml(
    `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${namespace}"><${action}Result>${xml(result)}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  ),
});

export const queryError = (code: string, message: string, status = 400, expected = false): never => {
  throw new Rejected(
    message,
    status,
    new Xml(
      `<ErrorResponse xmlns="${cfnNs}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    ),
    expected,
  );
};

export const s3Error = (code: string, message: string, status: number, expected = false): never => {
  throw new Rejected(
    message,
    status,
    new Xml(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escape(message)}</Message><RequestId>test</RequestId></Error>`),
    expected,
  );
};

/** RFC 3986 encoding, as SigV4's canonical query string wants it. */
export const uriEncode = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** Which service a request belongs to, from its shape: a Query API names its version, anything else here is S3 or Lambda. */
export function serviceOf(request: Received, form: URLSearchParams): string {
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

export function checkSignature(request: Received, accessKeyId: string, secretKey: string, region: string, service: string): void {
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
export function requireParams(form: URLSearchParams, names: readonly string[]): void {
  for (const name of names) if (!form.get(name)) queryError("ValidationError", `${name} is required`);
}

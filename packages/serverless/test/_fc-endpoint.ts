import { type Answer, checkZip, type Endpoint, hmac, jsonBody, Rejected, type Received, required, sha256, startEndpoint } from "./_endpoint";

/**
 * A stand-in for the Function Compute 3.0 OpenAPI (ROA style, version
 * 2023-03-30), checking what the API reference documents:
 * - CreateFunction `POST /2023-03-30/functions`, body CreateFunctionInput
 *   (functionName, runtime, handler, code.zipFile base64, memorySize, timeout):
 *   https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-createfunction
 * - GetFunction / UpdateFunction / DeleteFunction on `/2023-03-30/functions/{functionName}`
 * - CreateTrigger `POST /2023-03-30/functions/{functionName}/triggers`, body
 *   CreateTriggerInput (triggerName, triggerType, triggerConfig as a JSON string,
 *   sourceArn and invocationRole for event sources):
 *   https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-createtrigger
 * - ListTriggers, UpdateTrigger, DeleteTrigger, InvokeFunction.
 * Every request must carry `x-acs-action` and `x-acs-version: 2023-03-30`
 * and an ACS3-HMAC-SHA256 signature, verified here with the test's secret.
 */
export interface FcEndpoint extends Endpoint {
  readonly functions: Map<string, Record<string, unknown>>;
  readonly triggers: Map<string, Map<string, Record<string, unknown>>>;
}

const base = "/2023-03-30/functions";

/** Verifies the V3 signature: https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature */
function checkSignature(request: Received, accessKeyId: string, secret: string): void {
  const authorization = String(request.headers["authorization"] ?? "");
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) throw new Rejected(`Authorization is not ACS3-HMAC-SHA256: ${authorization}`, 403);
  if (match[1] !== accessKeyId) throw new Rejected(`signed with access key ${match[1]}`, 403);
  const hashed = sha256(request.body);
  if (request.headers["x-acs-content-sha256"] !== hashed) throw new Rejected("x-acs-content-sha256 does not match the body", 403);
  const signed = match[2]!.split(";");
  for (const header of ["host", "x-acs-action", "x-acs-date", "x-acs-version"]) if (!signed.includes(header)) throw new Rejected(`${header} is not signed`, 403);
  const query = [...request.query.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
  const canonical = [request.method, request.path, query, ...signed.map((name) => `${name}:${String(request.headers[name] ?? "").trim()}`), "", match[2], hashed].join("\n");
  const expected = hmac(secret, `ACS3-HMAC-SHA256\n${sha256(canonical)}`).toString("hex");
  if (expected !== match[3]) throw new Rejected("the ACS3 signature does not verify", 403);
}

function checkTrigger(body: Record<string, unknown>): void {
  required(body, { triggerName: "string", triggerType: "string", triggerConfig: "string" });
  const config = JSON.parse(String(body["triggerConfig"])) as Record<string, unknown>;
  switch (body["triggerType"]) {
    case "http":
      if (!Array.isArray(config["methods"]) || typeof config["authType"] !== "string") throw new Rejected("an http trigger needs authType and methods");
      break;
    case "timer":
      if (typeof config["cronExpression"] !== "string" || config["cronExpression"].split(" ").length !== 6) throw new Rejected("a timer needs a six-field cronExpression");
      break;
    case "mns_topic":
      if (!/^acs:mns:[a-z0-9-]+:\d+:\/topics\/[^/]+$/.test(String(body["sourceArn"]))) throw new Rejected(`mns_topic sourceArn ${String(body["sourceArn"])}`);
      if (!/^acs:ram::\d+:role\//.test(String(body["invocationRole"]))) throw new Rejected("mns_topic needs an invocationRole");
      if (!["STREAM", "JSON"].includes(String(config["notifyContentFormat"]))) throw new Rejected("notifyContentFormat is STREAM or JSON");
      break;
    case "oss":
      if (!/^acs:oss:[a-z0-9-]+:\d+:[^:]+$/.test(String(body["sourceArn"])) || !Array.isArray(config["events"]))
        throw new Rejected("an oss trigger needs a bucket sourceArn and events");
      break;
    default:
      throw new Rejected(`triggerType ${String(body["triggerType"])} is not one faasport creates`);
  }
}

export async function startFcEndpoint(accessKeyId: string, secret: string): Promise<FcEndpoint> {
  const functions = new Map<string, Record<string, unknown>>();
  const triggers = new Map<string, Map<string, Record<string, unknown>>>();
  const notFound = (what: string): never => {
    throw new Rejected(`${what} not found`, 404, { code: what.startsWith("trigger") ? "TriggerNotFound" : "FunctionNotFound", message: `${what} not found` });
  };
  const action = (request: Received, name: string): void => {
    request.action = name;
    if (request.headers["x-acs-action"] !== name) throw new Rejected(`x-acs-action is ${String(request.headers["x-acs-action"])}, expected ${name}`);
    if (request.headers["x-acs-version"] !== "2023-03-30") throw new Rejected(`x-acs-version is ${String(request.headers["x-acs-version"])}`);
    checkSignature(request, accessKeyId, secret);
  };
  const route = (request: Received): Answer => {
    const parts = request.path.startsWith(base) ? request.path.slice(base.length).split("/").filter(Boolean).map(decodeURIComponent) : undefined;
    if (!parts) throw new Rejected(`no such path ${request.path}`, 404);
    const [name, sub, trigger] = parts;
    if (name === undefined && request.method === "POST") {
      action(request, "CreateFunction");
      const body = jsonBody(request);
      required(body, { functionName: "string", runtime: "string", handler: "string", code: "object", memorySize: "number", timeout: "number" });
      checkZip((body["code"] as Record<string, unknown>)["zipFile"], String(body["handler"]));
      if (Number(body["memorySize"]) % 64 !== 0) throw new Rejected("memorySize must be a multiple of 64 MB");
      if (functions.has(String(body["functionName"]))) throw new Rejected("FunctionAlreadyExists", 409);
      functions.set(String(body["functionName"]), body);
      triggers.set(String(body["functionName"]), new Map());
      return { body: { functionName: body["functionName"], state: "Active" } };
    }
    if (name !== undefined && sub === undefined) {
      const fn = functions.get(name);
      if (request.method === "GET") {
        action(request, "GetFunction");
        return fn ? { body: fn } : notFound(`function ${name}`);
      }
      if (request.method === "PUT") {
        action(request, "UpdateFunction");
        if (!fn) notFound(`function ${name}`);
        const body = jsonBody(request);
        if (body["code"]) checkZip((body["code"] as Record<string, unknown>)["zipFile"], String(body["handler"] ?? fn!["handler"]));
        functions.set(name, { ...fn, ...body });
        return { body: functions.get(name) };
      }
      if (request.method === "DELETE") {
        action(request, "DeleteFunction");
        if (!fn) notFound(`function ${name}`);
        if (triggers.get(name)!.size > 0) throw new Rejected("the function still has triggers", 412);
        functions.delete(name);
        return { status: 204 };
      }
    }
    if (name !== undefined && sub === "triggers") {
      if (!functions.has(name)) {
        request.action = "Trigger";
        notFound(`function ${name}`);
      }
      const own = triggers.get(name)!;
      if (trigger === undefined && request.method === "GET") {
        action(request, "ListTriggers");
        return { body: { triggers: [...own.values()] } };
      }
      if (trigger === undefined && request.method === "POST") {
        action(request, "CreateTrigger");
        const body = jsonBody(request);
        checkTrigger(body);
        if (own.has(String(body["triggerName"]))) throw new Rejected("TriggerAlreadyExists", 409);
        const stored = { ...body, ...(body["triggerType"] === "http" ? { httpTrigger: { urlInternet: `https://${name}.cn-hangzhou.fcapp.run` } } : {}) };
        own.set(String(body["triggerName"]), stored);
        return { body: stored };
      }
      if (trigger !== undefined && request.method === "PUT") {
        action(request, "UpdateTrigger");
        if (!own.has(trigger)) notFound(`trigger ${trigger}`);
        own.set(trigger, { ...own.get(trigger), ...jsonBody(request) });
        return { body: own.get(trigger) };
      }
      if (trigger !== undefined && request.method === "DELETE") {
        action(request, "DeleteTrigger");
        if (!own.delete(trigger)) notFound(`trigger ${trigger}`);
        return { status: 204 };
      }
    }
    if (name !== undefined && sub === "invocations" && request.method === "POST") {
      action(request, "InvokeFunction");
      if (!functions.has(name)) notFound(`function ${name}`);
      return { body: { invoked: name, event: request.body.toString("utf8") } };
    }
    throw new Rejected(`no route for ${request.method} ${request.path}`, 404);
  };
  const endpoint = await startEndpoint(route, (error) => ({ code: error.status === 403 ? "SignatureDoesNotMatch" : "InvalidArgument", message: error.message }));
  return { ...endpoint, functions, triggers, close: endpoint.close };
}

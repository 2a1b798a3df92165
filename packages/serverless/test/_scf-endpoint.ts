import { type Answer, checkZip, type Endpoint, hmac, jsonBody, Rejected, type Received, required, sha256, startEndpoint } from "./_endpoint";

/**
 * A stand-in for Tencent Cloud's SCF API 3.0 (version 2018-04-16): every call
 * is `POST /` with the action in `X-TC-Action`, the version in `X-TC-Version`,
 * the region in `X-TC-Region`, and a TC3-HMAC-SHA256 signature in
 * `Authorization`, verified here with the test's secret key
 * (https://cloud.tencent.com/document/api/583/17238, signature v3).
 * Required parameters per action as the API reference lists them:
 * CreateFunction (FunctionName, Code.ZipFile, Handler, Runtime…)
 * https://cloud.tencent.com/document/product/583/18586 ; CreateTrigger
 * (FunctionName, TriggerName, Type, TriggerDesc for timers)
 * https://cloud.tencent.com/document/product/583/18589 ; GetFunction,
 * UpdateFunctionCode, UpdateFunctionConfiguration, ListTriggers,
 * DeleteTrigger, DeleteFunction, Invoke.
 */
export interface ScfEndpoint extends Endpoint {
  readonly functions: Map<string, Record<string, unknown>>;
  readonly triggers: Map<string, Record<string, unknown>[]>;
}

function checkSignature(request: Received, secretId: string, secretKey: string): void {
  const authorization = String(request.headers["authorization"] ?? "");
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) throw new Rejected(`Authorization is not TC3-HMAC-SHA256: ${authorization}`, 401);
  const [, id, date, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  if (id !== secretId) throw new Rejected(`signed with SecretId ${id}`, 401);
  const timestamp = String(request.headers["x-tc-timestamp"] ?? "");
  if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date) throw new Rejected("the credential date is not the X-TC-Timestamp's", 401);
  const canonicalHeaders = signedHeaders
    .split(";")
    // The SDK signs the host name; the Host header of a local endpoint also carries the port.
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? "")
          .toLowerCase()
          .replace(name === "host" ? /:\d+$/ : /$^/, "")}\n`,
    )
    .join("");
  const canonical = [request.method, "/", "", canonicalHeaders, signedHeaders, sha256(request.body)].join("\n");
  const scope = `${date}/${service}/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), "tc3_request");
  if (hmac(key, toSign).toString("hex") !== signature) throw new Rejected("the TC3 signature does not verify", 401);
}

// API 3.0 answers errors with HTTP 200 and Response.Error, as the SDK expects.
const fail = (code: string, message: string): never => {
  throw new Rejected(message, 200, { Response: { Error: { Code: code, Message: message }, RequestId: "test" } }, code.startsWith("ResourceNotFound"));
};

export async function startScfEndpoint(secretId: string, secretKey: string, region: string): Promise<ScfEndpoint> {
  const functions = new Map<string, Record<string, unknown>>();
  const triggers = new Map<string, Record<string, unknown>[]>();
  const route = (request: Received): Answer => {
    const action = String(request.headers["x-tc-action"] ?? "");
    request.action = action;
    if (request.method !== "POST" || request.path !== "/") fail("InvalidParameter", `SCF API 3.0 is POST /, got ${request.method} ${request.path}`);
    if (request.headers["x-tc-version"] !== "2018-04-16") fail("InvalidParameter", `X-TC-Version is ${String(request.headers["x-tc-version"])}`);
    if (request.headers["x-tc-region"] !== region) fail("InvalidParameter", `X-TC-Region is ${String(request.headers["x-tc-region"])}, expected ${region}`);
    checkSignature(request, secretId, secretKey);
    const body = jsonBody(request);
    required(body, { FunctionName: "string" });
    const name = String(body["FunctionName"]);
    if (body["Namespace"] !== "default") fail("InvalidParameter", "Namespace is default unless provider.namespace says otherwise");
    const ok = (extra: Record<string, unknown> = {}): Answer => ({ body: { Response: { RequestId: "test", ...extra } } });
    const existing = (): Record<string, unknown> => functions.get(name) ?? fail("ResourceNotFound.Function", `function ${name} not found`);
    switch (action) {
      case "GetFunction":
        return ok({ ...existing(), Status: "Active" });
      case "CreateFunction": {
        required(body, { Handler: "string", Runtime: "string", Code: "object", MemorySize: "number", Timeout: "number" });
        checkZip((body["Code"] as Record<string, unknown>)["ZipFile"], String(body["Handler"]));
        if (functions.has(name)) fail("ResourceInUse.Function", "exists");
        functions.set(name, body);
        triggers.set(name, []);
        return ok();
      }
      case "UpdateFunctionCode":
        required(body, { Handler: "string" });
        checkZip(body["ZipFile"], String(body["Handler"]));
        functions.set(name, { ...existing(), Code: { ZipFile: body["ZipFile"] } });
        return ok();
      case "UpdateFunctionConfiguration":
        functions.set(name, { ...existing(), ...body });
        return ok();
      case "ListTriggers":
        existing();
        return ok({ Triggers: triggers.get(name), TotalCount: triggers.get(name)!.length });
      case "CreateTrigger": {
        existing();
        required(body, { TriggerName: "string", Type: "string" });
        if (!["timer", "apigw", "cmq", "cos"].includes(String(body["Type"]))) fail("InvalidParameterValue.Type", `Type ${String(body["Type"])}`);
        if (body["Type"] === "timer" && String(body["TriggerDesc"]).split(" ").length !== 7) fail("InvalidParameterValue.TriggerDesc", "a timer's TriggerDesc has seven fields");
        if (body["Type"] === "apigw") JSON.parse(String(body["TriggerDesc"]));
        triggers.get(name)!.push(body);
        return ok({ TriggerInfo: body });
      }
      case "DeleteTrigger": {
        existing();
        required(body, { TriggerName: "string", Type: "string" });
        const list = triggers.get(name)!;
        const index = list.findIndex((each) => each["TriggerName"] === body["TriggerName"] && each["Type"] === body["Type"]);
        if (index < 0) fail("ResourceNotFound.Trigger", "no such trigger");
        list.splice(index, 1);
        return ok();
      }
      case "DeleteFunction":
        existing();
        functions.delete(name);
        triggers.delete(name);
        return ok();
      case "Invoke":
        existing();
        return ok({ Result: { RetMsg: JSON.stringify({ invoked: name, event: body["ClientContext"] }), InvokeResult: 0 } });
      default:
        return fail("InvalidAction", `action ${action} is not one faasport uses`);
    }
  };
  const endpoint = await startEndpoint(route, (error) => ({ Response: { Error: { Code: "AuthFailure", Message: error.message }, RequestId: "test" } }));
  return { ...endpoint, functions, triggers, close: endpoint.close };
}

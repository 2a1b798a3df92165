import { type BuiltFunction, cronFor, type ProjectDefinition } from "@faasport/cli";
import { ConfigurationError, ProviderError } from "@faasport/core";
import { type FunctionDefaults, type ManifestFunction, nodeManifestFunction, queueUrlFor, text } from "./plan";
import { loadSdk } from "./sdk";

/**
 * Tencent Cloud SCF through `tencentcloud-sdk-nodejs` (API 3.0, version 2018-04-16).
 * API reference: https://cloud.tencent.com/document/product/583/18586 (CreateFunction),
 * https://cloud.tencent.com/document/product/583/18589 (CreateTrigger).
 */

/** The SCF runtime used when `provider.runtime` is not set (the app needs Node.js 20's globals, `crypto` among them). */
export const defaultTencentRuntime = "Nodejs20.x";

/** SCF trigger definitions (CreateTrigger parameters) for one function. */
export function tencentFunction(
  project: ProjectDefinition,
  built: BuiltFunction,
  names: { service: string; stage: string; region: string },
  defaults: FunctionDefaults,
  artifact: string,
): ManifestFunction {
  const fn = built.definition;
  const triggers = fn.triggers.flatMap((trigger): Record<string, unknown>[] => {
    switch (trigger.kind) {
      case "http":
        // An API Gateway trigger with integrated response: the adapter answers { statusCode, headers, body, isBase64Encoded }.
        return [
          {
            Type: "apigw",
            TriggerName: "SCF_API_SERVICE",
            TriggerDesc: JSON.stringify({
              api: { authRequired: "FALSE", requestConfig: { method: "ANY" }, isIntegratedResponse: "TRUE" },
              service: { serviceName: "SCF_API_SERVICE" },
              release: { environmentName: "release" },
            }),
          },
        ];
      case "schedule":
        // SCF timers read seven fields: seconds first, year last.
        return [{ Type: "timer", TriggerName: trigger.name, TriggerDesc: cronFor(trigger.cron, "tencent"), Enable: "OPEN" }];
      case "queue": {
        const url = queueUrlFor(project, trigger.binding, "tencent", built);
        const topic = /^\/topics\/([^/]+)$/.exec(url.pathname)?.[1];
        if (url.protocol !== "cmq:" || !topic) {
          throw new ConfigurationError(
            `function ${fn.name}: queue ${trigger.binding} must be a CMQ topic (cmq://cmq-<region>.public.tencenttdmq.com/topics/<name>) for SCF to subscribe to it`,
            { cloud: "tencent" },
          );
        }
        return [{ Type: "cmq", TriggerName: decodeURIComponent(topic), Enable: "OPEN" }];
      }
      case "storage":
        // A COS trigger is named by the bucket's XML API domain, one trigger per event type.
        return trigger.events.map((action) => ({
          Type: "cos",
          TriggerName: `${trigger.bucket}.cos.${names.region}.myqcloud.com`,
          TriggerDesc: JSON.stringify({
            event: action === "created" ? "cos:ObjectCreated:*" : "cos:ObjectRemove:*",
            filter: { Prefix: trigger.prefix ?? "", Suffix: trigger.suffix ?? "" },
          }),
          Enable: "OPEN",
        }));
    }
  });
  return nodeManifestFunction(project, built, names, "tencent", { defaults, runtime: defaultTencentRuntime, memorySize: 128, artifact, triggers });
}

/** The SCF actions a deploy uses: request and response as the API documents them. */
export type TencentClient = (action: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Wraps the SCF client of `tencentcloud-sdk-nodejs`; `FAASPORT_TENCENT_ENDPOINT` (`http://127.0.0.1:8080`) points it elsewhere. */
export async function createTencentClient(credentials: Record<string, string>, region: string, endpoint = process.env["FAASPORT_TENCENT_ENDPOINT"]): Promise<TencentClient> {
  // The scf subpath loads in a fraction of the whole SDK's time.
  const sdk = await loadSdk<{ scf?: ScfModule; default?: { scf: ScfModule } }>("tencent", "tencentcloud-sdk-nodejs/tencentcloud/services/scf/index.js");
  const scf = (sdk.scf ?? sdk.default?.scf)!;
  const target = endpoint ? new URL(endpoint) : undefined;
  const client = new scf.v20180416.Client({
    credential: {
      secretId: credentials["TENCENTCLOUD_SECRET_ID"],
      secretKey: credentials["TENCENTCLOUD_SECRET_KEY"],
      ...(process.env["TENCENTCLOUD_SESSION_TOKEN"] ? { token: process.env["TENCENTCLOUD_SESSION_TOKEN"] } : {}),
    },
    region,
    profile: target ? { httpProfile: { endpoint: target.host, protocol: `${target.protocol}//` } } : {},
  });
  return async (action, params) => {
    const method = client[action];
    if (typeof method !== "function") throw new ProviderError("scf", `the SDK has no ${action} action`, { cloud: "tencent", retryable: false });
    try {
      return (await method.call(client, params)) as Record<string, unknown>;
    } catch (cause) {
      const code = text((cause as { code?: unknown }).code);
      const error = new ProviderError("scf", `${action} failed: ${code ? `${code}: ` : ""}${(cause as Error).message}`, { cloud: "tencent", retryable: false, cause });
      Object.defineProperty(error, "scfCode", { value: code });
      throw error;
    }
  };
}

interface ScfModule {
  v20180416: { Client: new (config: Record<string, unknown>) => Record<string, unknown> };
}

const scfCode = (error: unknown): string => text((error as { scfCode?: unknown }).scfCode);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until SCF reports the function Active: triggers and updates are refused while it is Creating or Updating. */
async function waitActive(call: TencentClient, params: Record<string, unknown>): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const status = text((await call("GetFunction", params))["Status"]) || "Active";
    if (status === "Active") return;
    if (/Failed/.test(status)) throw new ProviderError("scf", `function ${text(params["FunctionName"])} is ${status}`, { cloud: "tencent", retryable: false });
    await sleep(1000);
  }
  throw new ProviderError("scf", `function ${text(params["FunctionName"])} did not become Active in two minutes`, { cloud: "tencent", retryable: true });
}

/** Creates or updates the function, then makes its triggers exactly the manifest's. */
export async function deployTencent(call: TencentClient, fn: ManifestFunction, zip: Uint8Array, namespace: string, step: (message: string) => void): Promise<void> {
  const id = { FunctionName: fn.deployName, Namespace: namespace };
  const zipFile = Buffer.from(zip).toString("base64");
  const environment = { Variables: Object.entries(fn.environment).map(([Key, Value]) => ({ Key, Value })) };
  let exists = true;
  try {
    await call("GetFunction", id);
  } catch (error) {
    if (!scfCode(error).startsWith("ResourceNotFound")) throw error;
    exists = false;
  }
  if (exists) {
    step(`updating function ${fn.deployName}`);
    await call("UpdateFunctionCode", { ...id, Handler: fn.handler, ZipFile: zipFile });
    await waitActive(call, id);
    await call("UpdateFunctionConfiguration", { ...id, Runtime: fn.runtime, MemorySize: fn.memorySize, Timeout: fn.timeout, Environment: environment, Description: "faasport" });
  } else {
    step(`creating function ${fn.deployName}`);
    await call("CreateFunction", {
      ...id,
      Code: { ZipFile: zipFile },
      Handler: fn.handler,
      Runtime: fn.runtime,
      MemorySize: fn.memorySize,
      Timeout: fn.timeout,
      Environment: environment,
      Type: "Event",
      Description: "faasport",
    });
  }
  await waitActive(call, id);
  const existing = ((await call("ListTriggers", { ...id, Limit: 100 }))["Triggers"] ?? []) as Record<string, unknown>[];
  const key = (trigger: Record<string, unknown>): string => `${text(trigger["Type"])}/${text(trigger["TriggerName"])}/${text(trigger["TriggerDesc"])}`;
  const wanted = new Set(fn.triggers.map(key));
  for (const trigger of existing) {
    if (wanted.has(key(trigger))) continue;
    step(`deleting ${text(trigger["Type"])} trigger ${text(trigger["TriggerName"])}`);
    await call("DeleteTrigger", { ...id, Type: trigger["Type"], TriggerName: trigger["TriggerName"], TriggerDesc: trigger["TriggerDesc"] });
  }
  const have = new Set(existing.map(key));
  for (const trigger of fn.triggers) {
    if (have.has(key(trigger))) continue;
    step(`creating ${text(trigger["Type"])} trigger ${text(trigger["TriggerName"])}`);
    await call("CreateTrigger", { ...id, ...trigger });
  }
}

/** Deletes the function's triggers, then the function. A function already gone is fine. */
export async function removeTencent(call: TencentClient, name: string, namespace: string, step: (message: string) => void): Promise<void> {
  const id = { FunctionName: name, Namespace: namespace };
  try {
    await call("GetFunction", id);
  } catch (error) {
    if (scfCode(error).startsWith("ResourceNotFound")) return step(`${name} does not exist`);
    throw error;
  }
  for (const trigger of ((await call("ListTriggers", { ...id, Limit: 100 }))["Triggers"] ?? []) as Record<string, unknown>[]) {
    await call("DeleteTrigger", { ...id, Type: trigger["Type"], TriggerName: trigger["TriggerName"], TriggerDesc: trigger["TriggerDesc"] });
  }
  step(`deleting function ${name}`);
  await call("DeleteFunction", id);
}

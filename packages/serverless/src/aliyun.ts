import { type BuiltFunction, cronFor, type ProjectDefinition } from "@faasport/cli";
import { ConfigurationError, ProviderError } from "@faasport/core";
import { type FunctionDefaults, type ManifestFunction, nodeManifestFunction, queueUrlFor, text } from "./plan";
import { loadSdk } from "./sdk";

/**
 * Alibaba Cloud Function Compute 3.0 through `@alicloud/fc20230330`.
 * API reference: https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-createfunction
 * and …/api-fc-2023-03-30-createtrigger.
 */

/** The FC runtime the bundle targets. */
export const defaultAliyunRuntime = "nodejs20";

/** FC 3.0 trigger definitions for one function (CreateTriggerInput fields). */
export function aliyunFunction(
  project: ProjectDefinition,
  built: BuiltFunction,
  names: { service: string; stage: string; region: string; accountId: string; roles?: { mns?: string; oss?: string } | undefined },
  defaults: FunctionDefaults,
  artifact: string,
): ManifestFunction {
  const fn = built.definition;
  const account = names.accountId;
  const triggers = fn.triggers.map((trigger): Record<string, unknown> => {
    switch (trigger.kind) {
      case "http":
        return {
          triggerName: "http",
          triggerType: "http",
          qualifier: "LATEST",
          triggerConfig: JSON.stringify({ authType: "anonymous", methods: ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"], disableURLInternet: false }),
        };
      case "schedule":
        // FC timers read six fields, seconds first, in UTC.
        return {
          triggerName: trigger.name,
          triggerType: "timer",
          qualifier: "LATEST",
          triggerConfig: JSON.stringify({ cronExpression: cronFor(trigger.cron, "aliyun"), enable: true, payload: "" }),
        };
      case "queue": {
        const url = queueUrlFor(project, trigger.binding, "aliyun", built);
        const topic = /^\/topics\/([^/]+)$/.exec(url.pathname)?.[1];
        if (url.protocol !== "mns:" || !topic) {
          throw new ConfigurationError(
            `function ${fn.name}: queue ${trigger.binding} must be an MNS topic (mns://<account-id>.mns.<region>.aliyuncs.com/topics/<name>) for FC to subscribe to it`,
            { cloud: "aliyun" },
          );
        }
        const [topicAccount, , topicRegion] = url.hostname.split(".");
        // JSON format: the event then names its topic, so the adapter needs no `mnsTopic` option.
        return {
          triggerName: `queue-${trigger.binding.toLowerCase()}`,
          triggerType: "mns_topic",
          qualifier: "LATEST",
          sourceArn: `acs:mns:${topicRegion ?? names.region}:${topicAccount ?? account}:/topics/${decodeURIComponent(topic)}`,
          invocationRole: names.roles?.mns ?? `acs:ram::${account}:role/AliyunMNSNotificationRole`,
          triggerConfig: JSON.stringify({ notifyContentFormat: "JSON", notifyStrategy: "BACKOFF_RETRY", filterTag: "" }),
        };
      }
      case "storage":
        return {
          triggerName: `storage-${trigger.bucket}`.slice(0, 128),
          triggerType: "oss",
          qualifier: "LATEST",
          sourceArn: `acs:oss:${names.region}:${account}:${trigger.bucket}`,
          invocationRole: names.roles?.oss ?? `acs:ram::${account}:role/AliyunOSSEventNotificationRole`,
          triggerConfig: JSON.stringify({
            events: trigger.events.map((action) => (action === "created" ? "oss:ObjectCreated:*" : "oss:ObjectRemoved:*")),
            filter: { key: { prefix: trigger.prefix ?? "", suffix: trigger.suffix ?? "" } },
          }),
        };
    }
  });
  return nodeManifestFunction(project, built, names, "aliyun", { defaults, runtime: defaultAliyunRuntime, memorySize: 512, artifact, triggers });
}

/** The FC calls a deploy makes, over the official SDK. */
export interface AliyunClient {
  getFunction(name: string): Promise<Record<string, unknown> | undefined>;
  createFunction(input: Record<string, unknown>): Promise<void>;
  updateFunction(name: string, input: Record<string, unknown>): Promise<void>;
  deleteFunction(name: string): Promise<void>;
  listTriggers(name: string): Promise<Record<string, unknown>[]>;
  createTrigger(name: string, input: Record<string, unknown>): Promise<void>;
  updateTrigger(name: string, trigger: string, input: Record<string, unknown>): Promise<void>;
  deleteTrigger(name: string, trigger: string): Promise<void>;
  invoke(name: string, body: string): Promise<string>;
}

type Sdk = Record<string, new (init: Record<string, unknown>) => unknown> & {
  default: new (config: unknown) => Record<string, (...args: unknown[]) => Promise<{ body?: unknown }>>;
};

const notFound = (error: unknown): boolean => /NotFound/i.test(text((error as { code?: unknown }).code)) || (error as { statusCode?: number }).statusCode === 404;

/** Wraps `@alicloud/fc20230330`; the endpoint is `<account>.<region>.fc.aliyuncs.com` unless `FAASPORT_ALIYUN_ENDPOINT` says otherwise (an emulator, a test). */
export async function createAliyunClient(credentials: Record<string, string>, region: string, endpoint = process.env["FAASPORT_ALIYUN_ENDPOINT"]): Promise<AliyunClient> {
  const fc = await loadSdk<Sdk & { default: Sdk["default"] & Sdk }>("aliyun", "@alicloud/fc20230330");
  const core = await loadSdk<{ $OpenApiUtil: { Config: new (init: Record<string, unknown>) => unknown } }>("aliyun", "@alicloud/openapi-core");
  const models = (fc.default as unknown as Sdk) ?? fc;
  const Client = models.default ?? fc.default;
  const target = endpoint ? new URL(endpoint.includes("://") ? endpoint : `https://${endpoint}`) : undefined;
  const client = new Client(
    new core.$OpenApiUtil.Config({
      accessKeyId: credentials["ALIBABA_CLOUD_ACCESS_KEY_ID"],
      accessKeySecret: credentials["ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
      ...(process.env["ALIBABA_CLOUD_SECURITY_TOKEN"] ? { securityToken: process.env["ALIBABA_CLOUD_SECURITY_TOKEN"] } : {}),
      regionId: region,
      endpoint: target ? target.host : `${credentials["ALIBABA_CLOUD_ACCOUNT_ID"]}.${region}.fc.aliyuncs.com`,
      protocol: target ? target.protocol.slice(0, -1) : "https",
    }),
  );
  const model = (name: string, init: Record<string, unknown>): unknown => new models[name]!(init);
  const call = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      if (notFound(cause)) throw cause;
      throw new ProviderError("fc", `${action} failed: ${(cause as Error).message}`, { cloud: "aliyun", retryable: false, cause });
    }
  };
  return {
    async getFunction(name) {
      try {
        return (await client["getFunction"]!(name, model("GetFunctionRequest", {}))).body as Record<string, unknown>;
      } catch (error) {
        if (notFound(error)) return undefined;
        throw new ProviderError("fc", `GetFunction failed: ${(error as Error).message}`, { cloud: "aliyun", retryable: false, cause: error });
      }
    },
    createFunction: (input) =>
      call("CreateFunction", async () => {
        await client["createFunction"]!(
          model("CreateFunctionRequest", { body: model("CreateFunctionInput", { ...input, code: model("InputCodeLocation", input["code"] as Record<string, unknown>) }) }),
        );
      }),
    updateFunction: (name, input) =>
      call("UpdateFunction", async () => {
        await client["updateFunction"]!(
          name,
          model("UpdateFunctionRequest", { body: model("UpdateFunctionInput", { ...input, code: model("InputCodeLocation", input["code"] as Record<string, unknown>) }) }),
        );
      }),
    deleteFunction: (name) => call("DeleteFunction", async () => void (await client["deleteFunction"]!(name))),
    listTriggers: (name) =>
      call(
        "ListTriggers",
        async () => ((await client["listTriggers"]!(name, model("ListTriggersRequest", { limit: 100 }))).body as { triggers?: Record<string, unknown>[] }).triggers ?? [],
      ),
    createTrigger: (name, input) =>
      call("CreateTrigger", async () => void (await client["createTrigger"]!(name, model("CreateTriggerRequest", { body: model("CreateTriggerInput", input) })))),
    updateTrigger: (name, trigger, input) =>
      call("UpdateTrigger", async () => void (await client["updateTrigger"]!(name, trigger, model("UpdateTriggerRequest", { body: model("UpdateTriggerInput", input) })))),
    deleteTrigger: (name, trigger) => call("DeleteTrigger", async () => void (await client["deleteTrigger"]!(name, trigger))),
    invoke: (name, body) =>
      call("InvokeFunction", async () => {
        const { Readable } = await import("node:stream");
        const response = await client["invokeFunction"]!(name, model("InvokeFunctionRequest", { body: Readable.from([Buffer.from(body)]) }));
        const stream = response.body as AsyncIterable<Uint8Array> | undefined;
        const chunks: Uint8Array[] = [];
        if (stream) for await (const chunk of stream) chunks.push(chunk);
        return Buffer.concat(chunks).toString("utf8");
      }),
  };
}

/** Creates or updates the function, then makes its triggers exactly the manifest's. */
export async function deployAliyun(client: AliyunClient, fn: ManifestFunction, zip: Uint8Array, step: (message: string) => void): Promise<void> {
  const config = {
    runtime: fn.runtime,
    handler: fn.handler,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    environmentVariables: fn.environment,
    description: "faasport",
    code: { zipFile: Buffer.from(zip).toString("base64") },
  };
  if (await client.getFunction(fn.deployName)) {
    step(`updating function ${fn.deployName}`);
    await client.updateFunction(fn.deployName, config);
  } else {
    step(`creating function ${fn.deployName}`);
    await client.createFunction({ functionName: fn.deployName, ...config });
  }
  const existing = new Map((await client.listTriggers(fn.deployName)).map((trigger) => [text(trigger["triggerName"]), trigger]));
  for (const trigger of fn.triggers) {
    const name = text(trigger["triggerName"]);
    const old = existing.get(name);
    existing.delete(name);
    if (old && old["triggerType"] === trigger["triggerType"] && old["sourceArn"] === trigger["sourceArn"]) {
      step(`updating ${text(trigger["triggerType"])} trigger ${name}`);
      const { triggerConfig, invocationRole, qualifier } = trigger;
      await client.updateTrigger(fn.deployName, name, { triggerConfig, ...(invocationRole ? { invocationRole } : {}), qualifier });
      continue;
    }
    if (old) await client.deleteTrigger(fn.deployName, name);
    step(`creating ${text(trigger["triggerType"])} trigger ${name}`);
    await client.createTrigger(fn.deployName, trigger);
  }
  for (const name of existing.keys()) {
    step(`deleting trigger ${name}, gone from serverless.yml`);
    await client.deleteTrigger(fn.deployName, name);
  }
}

/** Deletes the function's triggers, then the function. A function already gone is fine. */
export async function removeAliyun(client: AliyunClient, deployNameOf: string, step: (message: string) => void): Promise<void> {
  if (!(await client.getFunction(deployNameOf))) return step(`${deployNameOf} does not exist`);
  for (const trigger of await client.listTriggers(deployNameOf)) await client.deleteTrigger(deployNameOf, text(trigger["triggerName"]));
  step(`deleting function ${deployNameOf}`);
  await client.deleteFunction(deployNameOf);
}

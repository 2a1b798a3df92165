import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigurationError, createMemoryKV, createMemoryQueue } from "@faasport/core";
import { bindingVariable } from "@faasport/core/runtime";
import { bundleFunction } from "./build";
import type { BundleOptions } from "./bundle";
import { loadProject, type Project } from "./config";
import type { DeployCloud } from "./cron";

/** Options for {@link invoke}. */
export interface InvokeOptions extends BundleOptions {
  readonly root: string;
  readonly cloud: DeployCloud;
  /** The native event, as the cloud would send it (a Workers event is described in the README). */
  readonly event: unknown;
  readonly project?: Project;
  /** The function; default the project's first. */
  readonly function?: string;
}

/** A native context for each Node-based cloud, with the fields their runtimes document. */
function nativeContext(cloud: "aws" | "aliyun" | "tencent", name: string, timeoutSeconds: number): Record<string, unknown> {
  const requestId = randomUUID();
  const deadline = Date.now() + timeoutSeconds * 1000;
  switch (cloud) {
    case "aws":
      return {
        awsRequestId: requestId,
        functionName: name,
        functionVersion: "$LATEST",
        invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
        memoryLimitInMB: "1024",
        logGroupName: `/aws/lambda/${name}`,
        logStreamName: "faasport-invoke",
        callbackWaitsForEmptyEventLoop: true,
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      };
    case "aliyun":
      return {
        requestId,
        credentials: {},
        function: { name, handler: "index.handler", memory: 1024, timeout: timeoutSeconds },
        region: "cn-hangzhou",
        accountId: "0",
        retryCount: 0,
      };
    case "tencent":
      return { request_id: requestId, function_name: name, function_version: "$LATEST", namespace: "default", memory_limit_in_mb: 128, time_limit_in_ms: timeoutSeconds * 1000 };
  }
}

/** Runs a Workers event (a request description, a scheduled controller or a queue batch) through the module Worker, with in-memory bindings. */
async function invokeWorker(file: string, event: Record<string, unknown>, bindings: Readonly<Record<string, "kv" | "queue">>): Promise<unknown> {
  const worker = ((await import(pathToFileURL(file).href)) as { default: Record<string, (...args: unknown[]) => Promise<unknown>> }).default;
  const env = Object.fromEntries(Object.entries(bindings).map(([name, kind]) => [name, kind === "kv" ? createMemoryKV() : createMemoryQueue()]));
  const waits: Promise<unknown>[] = [];
  const ctx = { waitUntil: (promise: Promise<unknown>) => void waits.push(promise), passThroughOnException: () => {}, props: {} };
  let result: unknown;
  if (typeof event["url"] === "string") {
    const init: RequestInit = { method: typeof event["method"] === "string" ? event["method"] : "GET", headers: (event["headers"] ?? {}) as Record<string, string> };
    if (typeof event["body"] === "string") init.body = event["body"];
    const response = (await worker["fetch"]!(new Request(event["url"], init), env, ctx)) as Response;
    result = { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  } else if (typeof event["cron"] === "string") {
    await worker["scheduled"]!({ cron: event["cron"], scheduledTime: Number(event["scheduledTime"] ?? Date.now()), noRetry: () => {} }, env, ctx);
    result = { scheduled: event["cron"], ok: true };
  } else if (Array.isArray(event["messages"])) {
    const outcomes: Record<string, string> = {};
    const messages = (event["messages"] as Record<string, unknown>[]).map((message) => ({
      ...message,
      timestamp: new Date(Number(message["timestamp"] ?? Date.now())),
      ack: () => void (outcomes[String(message["id"])] ??= "ack"),
      retry: () => void (outcomes[String(message["id"])] ??= "retry"),
    }));
    const batch = { queue: event["queue"], messages, ackAll: () => messages.forEach((message) => message.ack()), retryAll: () => messages.forEach((message) => message.retry()) };
    await worker["queue"]!(batch, env, ctx);
    result = { outcomes };
  } else {
    throw new ConfigurationError(
      'a Workers event is { "url", "method"?, "headers"?, "body"? } (fetch), { "cron", "scheduledTime"? } (scheduled) or { "queue", "messages" } (queue)',
      {
        cloud: "cloudflare",
      },
    );
  }
  await Promise.all(waits);
  return result;
}

/**
 * Sends one native event through one cloud's adapter, on the very code
 * `build` deploys, and resolves with the native result (what the platform
 * would receive). Bindings without a `FAASPORT_*` URL in the environment
 * are in memory.
 *
 * @example
 * const result = await invoke({ root: process.cwd(), cloud: "aws", event: JSON.parse(readFileSync("event.json", "utf8")) });
 * console.log(result); // { statusCode: 200, headers: {...}, body: "..." }
 */
export async function invoke(options: InvokeOptions): Promise<unknown> {
  const project = options.project ?? loadProject(options.root);
  const fn = options.function === undefined ? project.functions[0] : project.functions.find((each) => each.name === options.function);
  if (!fn) throw new ConfigurationError(`no function ${options.function}; the project has ${project.functions.map((each) => each.name).join(", ")}`);
  const { code, app } = await bundleFunction(options.root, fn, options.cloud, { ...options, service: project.service, minify: false });
  const dir = join(options.root, ".faasport", "invoke");
  mkdirSync(dir, { recursive: true });
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  if (options.cloud === "cloudflare") {
    const file = join(dir, `${fn.name}-${stamp}.mjs`);
    writeFileSync(file, code);
    return invokeWorker(file, (options.event ?? {}) as Record<string, unknown>, app.bindings);
  }
  for (const [name, kind] of Object.entries(app.bindings)) process.env[bindingVariable(kind, name)] ??= "memory:";
  for (const [name, value] of Object.entries(fn.environment)) process.env[name] ??= value;
  const file = join(dir, `${options.cloud}-${fn.name}-${stamp}.cjs`);
  writeFileSync(file, code);
  const module = createRequire(file)(file) as Record<string, (event: unknown, context: unknown) => Promise<unknown>>;
  const handler = module[options.cloud === "tencent" ? "main_handler" : "handler"]!;
  return handler(options.event, nativeContext(options.cloud, fn.name, fn.timeout ?? 30));
}

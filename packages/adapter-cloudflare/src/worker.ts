import { type AnyApp, ConfigurationError, createLogger, jsonLineSink } from "@faasport/core";
import { errorResponse, invalidHeaderValue, type Invocation, type Runtime } from "@faasport/core/runtime";
import { runtimeCache } from "./env";
import type { CloudflareOptions } from "./options";
import { runQueueBatch, runStorageBatch } from "./queue";
import { runScheduled, scheduleNames } from "./scheduled";
import type { CloudflareExecutionContext, CloudflareWorker } from "./types";

/**
 * Turns a faasport app into a module Worker: `fetch`, `queue` and
 * `scheduled`. Requests reach the app as workerd made them and its
 * `Response` goes back as is; native KV and queue bindings are passed
 * through; `ctx.waitUntil` and `passThroughOnException` are the platform's.
 * Batches from `storageQueues` are read as R2 event notifications.
 *
 * @example
 * // src/worker.ts, `main` in wrangler.jsonc
 * import { toCloudflare } from "@faasport/adapter-cloudflare";
 * import app from "./app";
 * export default toCloudflare(app, { schedules: { nightly: "0 3 * * *" } });
 */
export function toCloudflare(app: AnyApp, options: CloudflareOptions = {}): CloudflareWorker {
  const storageQueues = new Set(options.storageQueues ?? []);
  if (storageQueues.size > 0 && !app.storage) {
    throw new ConfigurationError(`storageQueues names ${[...storageQueues].join(", ")} but the app defines no storage() handler`, {
      cloud: "cloudflare",
      variable: "storageQueues",
    });
  }
  const names = scheduleNames(options.schedules);
  const runtimeFor = runtimeCache(app, options.log);

  const begin = (runtime: Runtime, event: unknown, env: unknown, ctx: CloudflareExecutionContext, requestIdFrom?: () => string | null): Invocation =>
    runtime.begin({
      requestIdFrom,
      raw: { event, context: { env, ctx } },
      // workerd's methods need their receiver.
      waitUntil: (promise) => ctx.waitUntil(promise),
      passThroughOnException: () => ctx.passThroughOnException(),
      props: typeof ctx.props === "object" && ctx.props !== null ? (ctx.props as Record<string, unknown>) : undefined,
    });

  return {
    async fetch(request, env, ctx) {
      // cf-ray names the request in Cloudflare's logs and dashboards; local runtimes do not set it. Read only if something asks.
      const cfRay = () => request.headers.get("cf-ray");
      let runtime: Runtime;
      try {
        runtime = runtimeFor(env);
      } catch (error) {
        const requestId = cfRay() || crypto.randomUUID();
        createLogger({ requestId, cloud: "cloudflare" }, options.log ?? jsonLineSink).error("the Worker's env does not serve the app's bindings", { error });
        return errorResponse(requestId);
      }
      const invocation = begin(runtime, request, env, ctx, cfRay);
      // After passThroughOnException(), a crash rejects here once logged and reaches workerd, which then asks the origin.
      const response = await runtime.fetch(request, invocation);
      // The values alone: workerd builds a [name, value] pair for each entry iterated, which costs more than the check.
      const invalid = invalidHeaderValue([], response.headers.values());
      if (invalid === undefined) return response;
      // workerd sends a control character in a header value as it is; no strict client reads such an answer (Node's fails the whole request).
      invocation.ctx.log.error("the response has a header value HTTP does not allow", { value: JSON.stringify(invalid).slice(0, 200) });
      return errorResponse(invocation.ctx.requestId);
    },

    async queue(batch, env, ctx) {
      // An env that cannot serve the app throws here: the platform retries the batch.
      const runtime = runtimeFor(env);
      const invocation = begin(runtime, batch, env, ctx);
      if (storageQueues.has(batch.queue)) await runStorageBatch(runtime, batch, invocation);
      else await runQueueBatch(runtime, batch, invocation);
    },

    async scheduled(controller, env, ctx) {
      const runtime = runtimeFor(env);
      await runScheduled(runtime, controller, names, begin(runtime, controller, env, ctx));
    },
  };
}

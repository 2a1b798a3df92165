import { type AliyunOptions, toAliyun, toAliyunFc2Http } from "@faasport/adapter-aliyun";
import { type Context, createMemoryKV, defineApp, type LogRecord } from "@faasport/core";

/** An app that records the neutral view of whatever reaches it, and the context it ran with. */
export function recorder(options: AliyunOptions = {}) {
  const seen: unknown[] = [];
  const contexts: Context[] = [];
  const logs: LogRecord[] = [];
  const app = defineApp({
    async fetch(request, _env, ctx) {
      contexts.push(ctx);
      const body = await request.text();
      seen.push({ method: request.method, url: request.url, headers: [...request.headers], body, cloud: ctx.cloud });
      return new Response("ok");
    },
    queue(batch, _env, ctx) {
      contexts.push(ctx);
      seen.push({
        queue: batch.queue,
        messages: batch.messages.map(({ id, body, attempts, timestamp, attributes }) => ({
          id,
          body: body instanceof Uint8Array ? { bytes: [...body] } : body,
          attempts,
          timestamp: timestamp.toISOString(),
          attributes,
        })),
      });
    },
    scheduled(event, _env, ctx) {
      contexts.push(ctx);
      seen.push({ name: event.name, cron: event.cron, scheduledTime: new Date(event.scheduledTime).toISOString() });
    },
    storage(event, _env, ctx) {
      contexts.push(ctx);
      seen.push({ ...event, time: event.time.toISOString() });
    },
  });
  const common = { variables: {}, log: (record: LogRecord) => logs.push(record), env: { KV: createMemoryKV() } };
  return { seen, contexts, logs, handler: toAliyun(app, { ...common, ...options }), fc2: toAliyunFc2Http(app, common) };
}

/** What a promise rejected with, or `undefined` when it resolved. */
export function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

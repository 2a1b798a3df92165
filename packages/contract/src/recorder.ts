import { type App, type Context, defineApp } from "@faasport/core";

/** What a recording app saw: one neutral record per invocation, and the contexts it ran with. */
export interface Recording {
  readonly app: App;
  readonly seen: unknown[];
  readonly contexts: Context[];
}

/**
 * An app that records the neutral view of whatever reaches it, for the
 * snapshot tests that prove each captured sample decodes as expected.
 *
 * @example
 * const { app, seen } = recordingApp();
 * await toAws(app, { variables: {} })(sample, context);
 * expect(seen).toMatchSnapshot();
 */
export function recordingApp(): Recording {
  const seen: unknown[] = [];
  const contexts: Context[] = [];
  const app = defineApp({
    async fetch(request, _env, ctx) {
      contexts.push(ctx);
      const body = await request.text();
      seen.push({ method: request.method, url: request.url, headers: [...request.headers], body, cloud: ctx.cloud, requestId: ctx.requestId });
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
  return { app, seen, contexts };
}

/** What a promise rejected with, or `undefined` when it resolved. */
export function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

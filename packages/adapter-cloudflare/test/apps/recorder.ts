import { defineApp, kv } from "@faasport/core";

/** Records the neutral view of whatever reaches it in `PROBE`, under `seen:<kind>`, for the fixture tests. */
export default defineApp({
  bindings: { PROBE: kv() },

  async fetch(request, env, ctx) {
    const cf = (request as Request & { cf?: Record<string, unknown> }).cf;
    await env.PROBE.put("seen:fetch", JSON.stringify({ url: request.url, cloud: ctx.cloud, colo: cf?.["colo"], asn: cf?.["asn"] }));
    return new Response("ok");
  },

  async queue(batch, env) {
    const messages = batch.messages.map(({ id, body, attempts, timestamp, attributes }) => ({ id, body, attempts, timestamp: timestamp.toISOString(), attributes }));
    await env.PROBE.put("seen:queue", JSON.stringify({ queue: batch.queue, messages }));
  },

  async scheduled(event, env) {
    await env.PROBE.put("seen:scheduled", JSON.stringify({ name: event.name, cron: event.cron, scheduledTime: event.scheduledTime }));
  },

  async storage(event, env) {
    await env.PROBE.put("seen:storage", JSON.stringify({ ...event, time: event.time.toISOString() }));
  },
});

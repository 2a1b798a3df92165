import { type App, defineApp, kv } from "@faasport/core";
import { responseCookies, seededBytes, toBase64, unicodeText } from "./payloads";

export { responseCookies, unicodeText } from "./payloads";

/** What the `/echo` route reports about the request it saw. */
export interface EchoReport {
  readonly method: string;
  readonly pathname: string;
  readonly search: string;
  readonly query: [string, string][];
  readonly headers: [string, string][];
  readonly bodyBase64: string;
  readonly contentType: string | null;
  readonly cloud: string;
  readonly requestId: string;
}

/** Instructions a contract queue message carries. */
export type QueueInstruction = "ack" | "retry" | "none" | "throw";

/** Sleep without timers that outlive the test. */
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The fixed app every adapter runs in the contract suite. It reports what it
 * saw (HTTP echo, or records in the `PROBE` KV for the other triggers) so
 * the suite can compare it with what was sent.
 *
 * @example
 * const harness = await definition.setup({ app: contractApp, bindings: { PROBE: createMemoryKV() }, log });
 */
export const contractApp: App<{ PROBE: ReturnType<typeof kv> }> = defineApp({
  bindings: { PROBE: kv() },

  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const route = url.pathname.split("/")[1] ?? "";
    switch (route) {
      case "echo": {
        const body = new Uint8Array(await request.arrayBuffer());
        const report: EchoReport = {
          method: request.method,
          pathname: url.pathname,
          search: url.search,
          query: [...url.searchParams],
          headers: [...request.headers],
          bodyBase64: toBase64(body),
          contentType: request.headers.get("content-type"),
          cloud: ctx.cloud,
          requestId: ctx.requestId,
        };
        // HEAD has no body: the method also travels in a header so the suite can check it.
        return Response.json(report, { headers: { "x-echo-method": request.method } });
      }
      case "form": {
        const form = await request.formData();
        return Response.json([...form].map(([name, value]) => [name, typeof value === "string" ? value : value.name]));
      }
      case "status": {
        const status = Number(url.pathname.split("/")[2]);
        if (status === 301) return new Response(null, { status, headers: { location: "/echo/moved?from=301" } });
        if (status === 204) return new Response(null, { status });
        return new Response(`status ${status}`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
      }
      case "cookies": {
        const headers = new Headers({ "content-type": "text/plain" });
        for (const cookie of responseCookies) headers.append("set-cookie", cookie);
        return new Response("cookies set", { headers });
      }
      case "binary": {
        const size = Number(url.searchParams.get("size") ?? "1024");
        const seed = Number(url.searchParams.get("seed") ?? "1");
        return new Response(seededBytes(size, seed), { headers: { "content-type": "application/octet-stream" } });
      }
      case "echo-header": {
        // Copies client input into an answer header, the way header injection happens; `style` picks the init form.
        const value = url.searchParams.get("v") ?? "";
        const style = url.searchParams.get("style");
        const init: HeadersInit = style === "array" ? [["x-echo", value]] : style === "cookie" ? [["set-cookie", `echo=${value}`]] : { "x-echo": value };
        const headers = style === "headers" ? new Headers(init) : init;
        return new Response(JSON.stringify({ org: request.headers.get("x-org") }), { headers });
      }
      case "binary-echo":
        return new Response(await request.arrayBuffer(), { headers: { "content-type": request.headers.get("content-type") ?? "application/octet-stream" } });
      case "text":
        return new Response(unicodeText, { headers: { "content-type": "text/plain; charset=utf-8" } });
      case "empty":
        return new Response("", { headers: { "x-empty": "yes" } });
      case "throw":
        throw new Error("contract-secret: this message must never reach a client");
      case "wait-until": {
        const key = `wait-until:${url.searchParams.get("id") ?? "none"}`;
        ctx.waitUntil(pause(50).then(() => env.PROBE.put(key, "done")));
        return new Response("accepted", { status: 202 });
      }
      case "kv": {
        const key = `kv:${url.searchParams.get("id") ?? "none"}`;
        await env.PROBE.put(key, request.method);
        return new Response(await env.PROBE.get(key));
      }
      default:
        return new Response("not found", { status: 404 });
    }
  },

  async queue(batch, env) {
    for (const message of batch.messages) {
      await env.PROBE.put(`queue:${message.id}`, JSON.stringify({ queue: batch.queue, body: message.body, attempts: message.attempts, timestamp: message.timestamp.getTime() }));
      const instruction = typeof message.body === "object" && message.body !== null ? (message.body as { do?: QueueInstruction }).do : undefined;
      if (instruction === "ack") message.ack();
      else if (instruction === "retry") message.retry({ delaySeconds: 30 });
      else if (instruction === "throw") throw new Error(`contract: message ${message.id} failed`);
    }
  },

  async scheduled(event, env) {
    await env.PROBE.put(`scheduled:${event.name}`, JSON.stringify({ name: event.name, cron: event.cron ?? null, scheduledTime: event.scheduledTime }));
    if (event.name.startsWith("fail-no-retry")) event.noRetry();
    if (event.name.startsWith("fail")) throw new Error(`contract: schedule ${event.name} failed`);
  },

  async storage(event, env) {
    await env.PROBE.put(
      `storage:${event.key}`,
      JSON.stringify({ bucket: event.bucket, key: event.key, action: event.action, size: event.size ?? null, etag: event.etag ?? null, time: event.time.getTime() }),
    );
    if (event.key.startsWith("fail/")) throw new Error(`contract: object ${event.key} failed`);
  },
});

export default contractApp;

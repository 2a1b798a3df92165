import { type App, type Context, defineApp, type Env, kv } from "@faasport/core";
import { Hono, type Context as HonoContext } from "hono";
import { responseCookies, seededBytes, toBase64, unicodeText } from "@faasport/contract/payloads";

const bindings = { PROBE: kv() };

/** faasport hands its own `ctx` to `fetch(request, env, ctx)`, so Hono's `c.executionCtx` is it. */
const faasport = (c: HonoContext): Context => c.executionCtx as Context;

/**
 * The contract app's HTTP routes written with Hono: `c.env` holds the
 * faasport bindings and `c.executionCtx.waitUntil` is faasport's `waitUntil`.
 * `hono.fetch` is the app's `fetch` as is, on every faasport target.
 */
const hono = new Hono<{ Bindings: Env<typeof bindings> }>();

hono.all("/echo/*", async (c) => {
  const url = new URL(c.req.url);
  const { cloud, requestId } = faasport(c);
  const report = {
    method: c.req.method,
    pathname: url.pathname,
    search: url.search,
    query: [...url.searchParams],
    headers: [...c.req.raw.headers],
    bodyBase64: toBase64(new Uint8Array(await c.req.arrayBuffer())),
    contentType: c.req.header("content-type") ?? null,
    cloud,
    requestId,
  };
  // HEAD has no body: the method also travels in a header.
  return c.json(report, 200, { "x-echo-method": c.req.method });
});

hono.all("/form", async (c) => {
  const form = await c.req.formData();
  return c.json([...form].map(([name, value]) => [name, typeof value === "string" ? value : value.name]));
});

hono.all("/status/:status", (c) => {
  const status = Number(c.req.param("status"));
  if (status === 301) return c.redirect("/echo/moved?from=301", 301);
  if (status === 204) return c.body(null, 204);
  return new Response(`status ${status}`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
});

hono.all("/cookies", (c) => {
  for (const cookie of responseCookies) c.header("set-cookie", cookie, { append: true });
  return c.body("cookies set", 200, { "content-type": "text/plain" });
});

hono.all("/binary", (c) => c.body(seededBytes(Number(c.req.query("size") ?? "1024"), Number(c.req.query("seed") ?? "1")), 200, { "content-type": "application/octet-stream" }));

hono.all("/binary-echo", async (c) => c.body(await c.req.arrayBuffer(), 200, { "content-type": c.req.header("content-type") ?? "application/octet-stream" }));

hono.all("/text", () => new Response(unicodeText, { headers: { "content-type": "text/plain; charset=utf-8" } }));

hono.all("/empty", (c) => c.body("", 200, { "x-empty": "yes" }));

hono.all("/throw", () => {
  throw new Error("contract-secret: this message must never reach a client");
});

hono.all("/wait-until", (c) => {
  const key = `wait-until:${c.req.query("id") ?? "none"}`;
  c.executionCtx.waitUntil(new Promise((resolve) => setTimeout(resolve, 50)).then(() => c.env.PROBE.put(key, "done")));
  return c.text("accepted", 202);
});

hono.all("/kv", async (c) => {
  const key = `kv:${c.req.query("id") ?? "none"}`;
  await c.env.PROBE.put(key, c.req.method);
  return c.text((await c.env.PROBE.get(key)) ?? "");
});

hono.notFound((c) => c.text("not found", 404));

// Let a crash reach faasport, which answers 500 with the request id only and logs the error with it.
hono.onError((error) => {
  throw error;
});

/** The Hono app as a faasport app. */
const app: App<typeof bindings> = defineApp({ bindings, fetch: hono.fetch });

export default app;

import { type App, type Context, defineApp, type Env, kv } from "@faasport/core";
import { type IRequest, Router } from "itty-router";
import { responseCookies, seededBytes, toBase64, unicodeText } from "@faasport/contract/payloads";

const bindings = { PROBE: kv() };

/**
 * The contract app's HTTP routes written with itty-router. Every handler gets
 * `(request, env, ctx)`: the faasport bindings and context, passed through
 * `router.fetch`. The base `Router` has no `catch`, so a crash reaches
 * faasport, which answers 500 with the request id only and logs the error.
 */
const router = Router<IRequest, [Env<typeof bindings>, Context]>();

router.all("/echo/*", async (request, _env, ctx) => {
  const url = new URL(request.url);
  const report = {
    method: request.method,
    pathname: url.pathname,
    search: url.search,
    query: [...url.searchParams],
    headers: [...request.headers],
    bodyBase64: toBase64(new Uint8Array(await request.arrayBuffer())),
    contentType: request.headers.get("content-type"),
    cloud: ctx.cloud,
    requestId: ctx.requestId,
  };
  // HEAD has no body: the method also travels in a header.
  return Response.json(report, { headers: { "x-echo-method": request.method } });
});

router.all("/form", async (request) => {
  const form = await request.formData();
  return Response.json([...form].map(([name, value]) => [name, typeof value === "string" ? value : value.name]));
});

router.all("/status/:status", ({ params }) => {
  const status = Number(params["status"]);
  if (status === 301) return new Response(null, { status, headers: { location: "/echo/moved?from=301" } });
  if (status === 204) return new Response(null, { status });
  return new Response(`status ${status}`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
});

router.all("/cookies", () => {
  const headers = new Headers({ "content-type": "text/plain" });
  for (const cookie of responseCookies) headers.append("set-cookie", cookie);
  return new Response("cookies set", { headers });
});

router.all("/binary", ({ query }) => {
  const bytes = seededBytes(Number(query["size"] ?? "1024"), Number(query["seed"] ?? "1"));
  return new Response(bytes, { headers: { "content-type": "application/octet-stream" } });
});

router.all(
  "/binary-echo",
  async (request) => new Response(await request.arrayBuffer(), { headers: { "content-type": request.headers.get("content-type") ?? "application/octet-stream" } }),
);

router.all("/text", () => new Response(unicodeText, { headers: { "content-type": "text/plain; charset=utf-8" } }));

router.all("/empty", () => new Response("", { headers: { "x-empty": "yes" } }));

router.all("/throw", () => {
  throw new Error("contract-secret: this message must never reach a client");
});

router.all("/wait-until", ({ query }, env, ctx) => {
  const key = `wait-until:${String(query["id"] ?? "none")}`;
  ctx.waitUntil(new Promise((resolve) => setTimeout(resolve, 50)).then(() => env.PROBE.put(key, "done")));
  return new Response("accepted", { status: 202 });
});

router.all("/kv", async (request, env) => {
  const key = `kv:${String(request.query["id"] ?? "none")}`;
  await env.PROBE.put(key, request.method);
  return new Response(await env.PROBE.get(key));
});

router.all("*", () => new Response("not found", { status: 404 }));

/** The itty-router app as a faasport app. */
const app: App<typeof bindings> = defineApp({ bindings, fetch: (request, env, ctx) => router.fetch(request, env, ctx) });

export default app;

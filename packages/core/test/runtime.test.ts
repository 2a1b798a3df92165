import { describe, expect, it } from "vitest";
import { ConfigurationError, createMemoryKV, defineApp, HttpError, kv, type LogRecord, queue } from "@faasport/core";
import { createRuntime, registerBindingScheme } from "@faasport/core/runtime";

const raw = { event: {}, context: {} };

describe("createRuntime: env", () => {
  const app = defineApp({ bindings: { TODOS: kv(), JOBS: queue() }, vars: ["API_KEY"], fetch: (_r, env) => Response.json(Object.keys(env)) });

  it("resolves declared bindings from their URL variables and declared vars only", () => {
    const runtime = createRuntime(app, { cloud: "aws", variables: { FAASPORT_KV_TODOS: "memory:", FAASPORT_QUEUE_JOBS: "memory:", API_KEY: "k", SECRET: "s" } });
    expect(Object.keys(runtime.env).sort()).toEqual(["API_KEY", "JOBS", "TODOS"]);
    expect(runtime.env["API_KEY"]).toBe("k");
    expect(Object.isFrozen(runtime.env)).toBe(true);
  });

  it("fails at cold start naming the binding and the variable", () => {
    const attempt = () => createRuntime(app, { cloud: "aws", variables: { FAASPORT_QUEUE_JOBS: "memory:" } });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/binding TODOS \(kv\) has no backend: set FAASPORT_KV_TODOS/);
    expect(() => createRuntime(app, { cloud: "aws", variables: { FAASPORT_KV_TODOS: "nope", FAASPORT_QUEUE_JOBS: "memory:" } })).toThrow(/FAASPORT_KV_TODOS="nope" is not a URL/);
    expect(() => createRuntime(app, { cloud: "aws", variables: { FAASPORT_KV_TODOS: "redis://u:secret@h", FAASPORT_QUEUE_JOBS: "memory:" } })).toThrow(
      /no driver for "redis:" in FAASPORT_KV_TODOS/,
    );
  });

  it("prefers given bindings, uses the fallback URL, and lets drivers register schemes", () => {
    const given = createMemoryKV();
    registerBindingScheme("test-scheme", () => given);
    const runtime = createRuntime(app, { cloud: "node", variables: { FAASPORT_KV_TODOS: "test-scheme://x" }, fallbackUrl: "memory:" });
    expect(runtime.env["TODOS"]).toBe(given);
    expect(createRuntime(app, { cloud: "node", variables: {}, bindings: { TODOS: given }, fallbackUrl: "memory:" }).env["TODOS"]).toBe(given);
    registerBindingScheme("broken", () => {
      throw new Error("missing table");
    });
    expect(() => createRuntime(app, { cloud: "aws", variables: { FAASPORT_KV_TODOS: "broken://", FAASPORT_QUEUE_JOBS: "memory:" } })).toThrow(
      /FAASPORT_KV_TODOS could not be used: missing table/,
    );
  });
});

describe("createRuntime: handlers", () => {
  const logs: LogRecord[] = [];
  const log = (record: LogRecord) => logs.push(record);

  it("turns a crash into a 500 carrying only the request id, and logs the error", async () => {
    const app = defineApp({
      fetch: () => {
        throw new Error("secret detail");
      },
    });
    const runtime = createRuntime(app, { cloud: "node", variables: {}, log });
    const invocation = runtime.begin({ requestId: "req-1", raw });
    const response = await runtime.fetch(new Request("http://x/"), invocation);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: "Internal Server Error", requestId: "req-1" });
    expect(body).not.toContain("secret");
    expect(logs.at(-1)).toMatchObject({ level: "error", msg: "fetch handler failed", requestId: "req-1", cloud: "node", error: { message: "secret detail" } });
  });

  it("answers an HttpError with its status and message, and a non-Response with 500", async () => {
    const app = defineApp({
      fetch: (request) => {
        if (request.url.endsWith("/missing")) throw new HttpError(404, "no such thing");
        return "oops" as unknown as Response;
      },
    });
    const runtime = createRuntime(app, { cloud: "node", variables: {}, log });
    const notFound = await runtime.fetch(new Request("http://x/missing"), runtime.begin({ raw }));
    expect([notFound.status, await notFound.text()]).toEqual([404, "no such thing"]);
    expect((await runtime.fetch(new Request("http://x/"), runtime.begin({ raw }))).status).toBe(500);
    expect(logs.at(-1)?.["error"]).toMatchObject({ message: "the fetch handler returned string, not a Response" });
  });

  it("settles waitUntil work, including work added by work, and logs rejections", async () => {
    const done: string[] = [];
    const app = defineApp({
      fetch: (_request, _env, ctx) => {
        ctx.waitUntil(
          new Promise<void>((resolve) =>
            setTimeout(() => {
              done.push("first");
              ctx.waitUntil(Promise.resolve().then(() => done.push("nested")));
              resolve();
            }, 10),
          ),
        );
        ctx.waitUntil(Promise.reject(new Error("background failed")));
        return new Response("ok");
      },
    });
    const runtime = createRuntime(app, { cloud: "aws", variables: {}, log });
    const invocation = runtime.begin({ raw });
    await runtime.fetch(new Request("http://x/"), invocation);
    expect(done).toEqual([]);
    await invocation.settle();
    expect(done).toEqual(["first", "nested"]);
    expect(logs.some((record) => record.msg === "waitUntil promise rejected")).toBe(true);
  });

  it("hands waitUntil to the platform when it has its own", async () => {
    const handed: Promise<unknown>[] = [];
    const app = defineApp({ fetch: (_r, _e, ctx) => (ctx.waitUntil(Promise.resolve(1)), new Response()) });
    const runtime = createRuntime(app, { cloud: "cloudflare", variables: {}, log });
    await runtime.fetch(new Request("http://x/"), runtime.begin({ raw, waitUntil: (p) => handed.push(p) }));
    expect(handed).toHaveLength(1);
  });

  it("reports queue outcomes and the error, scheduled noRetry, storage failures", async () => {
    const app = defineApp({
      queue: (batch) => {
        batch.messages[0]?.ack();
        throw new Error("half way");
      },
      scheduled: (event) => {
        event.noRetry();
        throw new Error("nightly failed");
      },
      storage: (event) => {
        if (event.key === "bad") throw new Error("cannot process");
      },
    });
    const runtime = createRuntime(app, { cloud: "aws", variables: {}, log });
    const message = (id: string) => ({ id, body: id, attempts: 1, timestamp: new Date() });
    const queued = await runtime.queue("q", [message("a"), message("b")], runtime.begin({ raw }));
    expect(queued.outcomes.map((o) => o.action)).toEqual(["ack", "retry"]);
    expect((queued.error as Error).message).toBe("half way");
    expect(await runtime.scheduled({ name: "n", scheduledTime: 0 }, runtime.begin({ raw }))).toMatchObject({ ok: false, retry: false });
    const storageEvent = (key: string) => ({ bucket: "b", key, action: "created" as const, size: 1, etag: undefined, time: new Date(), type: "t", region: undefined });
    expect(await runtime.storage([storageEvent("ok")], runtime.begin({ raw }))).toEqual({ ok: true });
    expect(await runtime.storage([storageEvent("ok"), storageEvent("bad")], runtime.begin({ raw }))).toMatchObject({ ok: false, retry: true });
  });

  it("names the missing handler when an app cannot serve an event", async () => {
    const runtime = createRuntime(defineApp({ fetch: () => new Response() }), { cloud: "aws", variables: {}, log });
    const result = await runtime.queue("q", [], runtime.begin({ raw }));
    expect((result.error as Error).message).toContain("the app defines no queue() handler");
  });
});

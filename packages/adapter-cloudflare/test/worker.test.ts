import { type AnyApp, ConfigurationError, type Context, createMemoryKV, defineApp, kv, type LogRecord, queue, type ScheduledEvent, type StorageEvent } from "@faasport/core";
import { type CloudflareMessage, type CloudflareOptions, toCloudflare } from "@faasport/adapter-cloudflare";
import { describe, expect, it } from "vitest";
import { fixture } from "./bundle";

/** A native ExecutionContext that records what it is given. */
function nativeCtx() {
  const waited: Promise<unknown>[] = [];
  const state = { passedThrough: false };
  const ctx = { waitUntil: (promise: Promise<unknown>) => void waited.push(promise), passThroughOnException: () => void (state.passedThrough = true), props: { tenant: "t1" } };
  return { ctx, waited, state };
}

/** A native queue message that records how it was settled. */
function nativeMessage(id: string, body: unknown, attempts = 1): CloudflareMessage & { calls: string[] } {
  const calls: string[] = [];
  return {
    id,
    body,
    attempts,
    timestamp: new Date(1000),
    calls,
    ack: () => void calls.push("ack"),
    retry: (options) => void calls.push(`retry:${options?.delaySeconds ?? "default"}`),
  };
}

function batchOf(queueName: string, messages: CloudflareMessage[]) {
  return { queue: queueName, messages, ackAll: () => {}, retryAll: () => {} };
}

function worker(app: AnyApp, options: CloudflareOptions = {}) {
  const logs: LogRecord[] = [];
  return { logs, worker: toCloudflare(app, { log: (record) => logs.push(record), ...options }) };
}

describe("env", () => {
  it("holds the declared bindings, passed as they are, and the declared vars, nothing else; resolved once per env object", async () => {
    const seen: unknown[] = [];
    const app = defineApp({
      bindings: { TODOS: kv(), JOBS: queue() },
      vars: ["GREETING", "CONFIG", "MISSING"],
      fetch: (_request, env) => (seen.push(env), Response.json(Object.keys(env).sort())),
    });
    const native = { TODOS: createMemoryKV(), JOBS: { send: async () => {}, sendBatch: async () => {} }, GREETING: "hi", CONFIG: { a: 1 }, SECRET: "s", OTHER: createMemoryKV() };
    const { worker: entry } = worker(app);
    const response = await entry.fetch(new Request("https://w.example/"), native, nativeCtx().ctx);
    expect(await response.json()).toEqual(["CONFIG", "GREETING", "JOBS", "MISSING", "TODOS"]);
    await entry.fetch(new Request("https://w.example/"), native, nativeCtx().ctx);
    await entry.fetch(new Request("https://w.example/"), { ...native, GREETING: "other" }, nativeCtx().ctx);
    const [first, second, third] = seen as Record<string, unknown>[];
    expect(first).toBe(second);
    expect(third).not.toBe(first);
    expect(first).toMatchObject({ TODOS: native.TODOS, JOBS: native.JOBS, GREETING: "hi", CONFIG: '{"a":1}', MISSING: undefined });
    expect(third?.["GREETING"]).toBe("other");
  });

  it("takes a FAASPORT_* binding URL var for a binding the Worker does not bind natively", async () => {
    const app = defineApp({ bindings: { STORE: kv() }, fetch: async (_request, env) => (await env.STORE.put("k", "v"), new Response(await env.STORE.get("k"))) });
    const response = await worker(app).worker.fetch(new Request("https://w.example/"), { FAASPORT_KV_STORE: "memory:" }, nativeCtx().ctx);
    expect(await response.text()).toBe("v");
  });

  it("answers 500 with the request id when a binding is missing, logging how to bind it; queue and scheduled calls reject", async () => {
    const app = defineApp({ bindings: { TODOS: kv() }, fetch: () => new Response("never"), queue: () => {}, scheduled: () => {} });
    const { worker: entry, logs } = worker(app);
    const response = await entry.fetch(new Request("https://w.example/"), { UNRELATED: 1 }, nativeCtx().ctx);
    const { requestId } = (await response.json()) as { requestId: string };
    expect(response.status).toBe(500);
    expect(logs).toEqual([expect.objectContaining({ level: "error", requestId, cloud: "cloudflare" })]);
    expect(logs[0]?.["error"]).toMatchObject({ name: "ConfigurationError", message: expect.stringContaining('[[kv_namespaces]] entry with binding = "TODOS"') });
    await expect(entry.queue(batchOf("q", [nativeMessage("1", "x")]), {}, nativeCtx().ctx)).rejects.toThrow(ConfigurationError);
    await expect(entry.scheduled({ cron: "* * * * *", scheduledTime: 0, noRetry: () => {} }, {}, nativeCtx().ctx)).rejects.toThrow(/not bound to this Worker/);
    await expect(entry.queue(batchOf("q", []), { TODOS: "a string" }, nativeCtx().ctx)).rejects.toThrow(/declared kv\(\) but the Worker's env.TODOS is a string/);
  });
});

describe("options", () => {
  it("rejects at cold start storage queues without a storage handler, and two schedules on one cron", () => {
    const app = defineApp({ fetch: () => new Response() });
    expect(() => toCloudflare(app, { storageQueues: ["uploads"] })).toThrow(/storageQueues names uploads but the app defines no storage\(\) handler/);
    expect(() => toCloudflare(app, { schedules: { nightly: "0 3 * * *", cleanup: "0 3 * * *" } })).toThrow(/schedules nightly and cleanup share the cron "0 3 \* \* \*"/);
  });
});

describe("fetch", () => {
  it("gives the app Workers' request and its own ctx: cf-ray as request id, props, the native objects in raw, waitUntil on the native ctx", async () => {
    let seen: { request: Request; ctx: Context } | undefined;
    const app = defineApp({
      fetch: (request, _env, ctx) => {
        seen = { request, ctx };
        ctx.waitUntil(Promise.resolve("background"));
        return new Response("ok");
      },
    });
    const native = nativeCtx();
    const env = {};
    const request = new Request("https://w.example/", { headers: { "cf-ray": "8f2c1a-LHR" } });
    await worker(app).worker.fetch(request, env, native.ctx);
    expect(seen?.request).toBe(request);
    expect(seen?.ctx).toMatchObject({ cloud: "cloudflare", requestId: "8f2c1a-LHR", deadline: undefined, props: { tenant: "t1" } });
    expect(seen?.ctx.raw).toEqual({ event: request, context: { env, ctx: native.ctx } });
    expect(native.waited).toHaveLength(1);
  });

  it("after passThroughOnException(), lets a crash reach workerd once logged; without it, answers 500", async () => {
    const app = defineApp({
      fetch: (request, _env, ctx) => {
        if (request.url.endsWith("/pass")) ctx.passThroughOnException();
        throw new Error("origin should answer");
      },
    });
    const { worker: entry, logs } = worker(app);
    const native = nativeCtx();
    await expect(entry.fetch(new Request("https://w.example/pass"), {}, native.ctx)).rejects.toThrow("origin should answer");
    expect(native.state.passedThrough).toBe(true);
    expect(logs.at(-1)).toMatchObject({ level: "error", msg: "fetch handler failed" });
    expect((await entry.fetch(new Request("https://w.example/other"), {}, nativeCtx().ctx)).status).toBe(500);
  });
});

describe("queue", () => {
  it("hands bodies over as sent (bytes as a Uint8Array) and forwards each decision to the native message as the app makes it", async () => {
    const bodies: unknown[] = [];
    let duringHandler: string[][] = [];
    const messages = [nativeMessage("a", "42", 2), nativeMessage("b", { n: 1 }), nativeMessage("c", new Uint8Array([1, 2]).buffer), nativeMessage("d", "plain")];
    const app = defineApp({
      queue: (batch) => {
        bodies.push(...batch.messages.map((message) => message.body));
        batch.messages[0]?.ack();
        batch.messages[1]?.retry({ delaySeconds: 10 });
        batch.messages[1]?.ack();
        duringHandler = messages.map((message) => [...message.calls]);
        expect(batch.messages[0]).toMatchObject({ id: "a", attempts: 2, timestamp: new Date(1000), attributes: {} });
      },
    });
    await worker(app).worker.queue(batchOf("jobs", messages), {}, nativeCtx().ctx);
    expect(bodies).toEqual(["42", { n: 1 }, new Uint8Array([1, 2]), "plain"]);
    expect(bodies[2]).toBeInstanceOf(Uint8Array);
    expect(duringHandler).toEqual([["ack"], ["retry:10"], [], []]);
    expect(messages.map((message) => message.calls)).toEqual([["ack"], ["retry:10"], ["ack"], ["ack"]]);
  });

  it("when the handler throws, retries every message not acked, one by one, and resolves so no acked message comes back", async () => {
    const messages = [nativeMessage("a", "x"), nativeMessage("b", "y"), nativeMessage("c", "z")];
    const app = defineApp({
      queue: (batch) => {
        batch.messages[0]?.ack();
        throw new Error("half way");
      },
    });
    const { worker: entry, logs } = worker(app);
    await entry.queue(batchOf("jobs", messages), {}, nativeCtx().ctx);
    expect(messages.map((message) => message.calls)).toEqual([["ack"], ["retry:default"], ["retry:default"]]);
    expect(logs.at(-1)).toMatchObject({ msg: "queue handler failed", queue: "jobs", error: { message: "half way" } });
  });
});

describe("scheduled", () => {
  const controller = (cron: string) => {
    const state = { noRetry: false };
    return { state, controller: { cron, scheduledTime: 5000, noRetry: () => void (state.noRetry = true) } };
  };

  it("names a run by the schedules option, else by its cron; a run fired by hand has no cron", async () => {
    const seen: ScheduledEvent[] = [];
    const app = defineApp({ scheduled: (event) => void seen.push(event) });
    const entry = toCloudflare(app, { schedules: { nightly: "0 3 * * *" } });
    for (const cron of ["0 3 * * *", "*/5 * * * *", ""]) await entry.scheduled(controller(cron).controller, {}, nativeCtx().ctx);
    expect(seen.map(({ name, cron, scheduledTime }) => ({ name, cron, scheduledTime }))).toEqual([
      { name: "nightly", cron: "0 3 * * *", scheduledTime: 5000 },
      { name: "*/5 * * * *", cron: "*/5 * * * *", scheduledTime: 5000 },
      { name: "scheduled", cron: undefined, scheduledTime: 5000 },
    ]);
  });

  it("rejects when the run fails, calling the native noRetry() first when the app asked for it", async () => {
    const app = defineApp({
      scheduled: (event) => {
        if (event.cron === "1 * * * *") event.noRetry();
        throw new Error(`failed ${event.cron}`);
      },
    });
    const { worker: entry } = worker(app);
    const retried = controller("0 * * * *");
    await expect(entry.scheduled(retried.controller, {}, nativeCtx().ctx)).rejects.toThrow("failed 0 * * * *");
    expect(retried.state.noRetry).toBe(false);
    const final = controller("1 * * * *");
    await expect(entry.scheduled(final.controller, {}, nativeCtx().ctx)).rejects.toThrow("failed 1 * * * *");
    expect(final.state.noRetry).toBe(true);
  });
});

describe("R2 notifications on storage queues", () => {
  it("become one StorageEvent each, acked when handled, retried when the handler throws or the body is no notification", async () => {
    const seen: StorageEvent[] = [];
    const app = defineApp({
      queue: () => {
        throw new Error("storage messages must not reach queue()");
      },
      storage: (event) => {
        seen.push(event);
        if (event.key.startsWith("fail/")) throw new Error("cannot index");
      },
    });
    const sample = fixture("r2-event-notification");
    const removed = { ...sample, action: "DeleteObject", object: { key: "old photo ü.jpg" } };
    const messages = [
      nativeMessage("copy", sample),
      nativeMessage("delete", removed),
      nativeMessage("failing", { ...sample, action: "PutObject", object: { key: "fail/x", size: 1, eTag: "e" } }),
      nativeMessage("foreign", "not a notification"),
      nativeMessage("other-action", { ...sample, action: "RestoreObject" }),
    ];
    const { worker: entry, logs } = worker(app, { storageQueues: ["uploads"] });
    await entry.queue(batchOf("uploads", messages), {}, nativeCtx().ctx);
    expect(seen.map(({ bucket, key, action, size, etag, time, type, region }) => ({ bucket, key, action, size, etag, time: time.toISOString(), type, region }))).toEqual([
      {
        bucket: "my-bucket",
        key: "my-new-object",
        action: "created",
        size: 65536,
        etag: "c846ff7a18f28c2e262116d6e8719ef0",
        time: "2024-05-24T19:36:44.379Z",
        type: "CopyObject",
        region: undefined,
      },
      {
        bucket: "my-bucket",
        key: "old photo ü.jpg",
        action: "removed",
        size: undefined,
        etag: undefined,
        time: "2024-05-24T19:36:44.379Z",
        type: "DeleteObject",
        region: undefined,
      },
      expect.objectContaining({ key: "fail/x", action: "created" }),
    ]);
    expect(messages.map((message) => message.calls)).toEqual([["ack"], ["ack"], ["retry:default"], ["retry:default"], ["ack"]]);
    expect(logs.find((record) => record.msg === "not an R2 event notification")?.["error"]).toMatchObject({
      name: "UnsupportedEventError",
      message: expect.stringContaining("a string"),
    });
  });
});

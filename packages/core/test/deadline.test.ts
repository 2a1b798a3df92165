import { defineApp, type LogRecord } from "@faasport/core";
import { createRuntime } from "@faasport/core/runtime";
import { afterEach, describe, expect, it } from "vitest";

/**
 * A handler that outlives the invocation's deadline is given up on a margin
 * before it: the platform would otherwise kill the function and answer for it
 * (API Gateway's bare 502/504; a whole queue batch back, acked messages included).
 */

const raw = { event: {}, context: {} };
const never = new Promise<never>(() => {});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let logs: LogRecord[] = [];
const log = (record: LogRecord) => void logs.push(record);
afterEach(() => {
  logs = [];
});

function runtimeFor(app: Parameters<typeof createRuntime>[0], deadlineMarginMs?: number | false) {
  return createRuntime(app, { cloud: "aws", variables: {}, log, deadlineMarginMs });
}

describe("a handler that outlives its deadline", () => {
  it("answers 504 with the request id a margin before the deadline, and logs one line", async () => {
    let late: () => void = () => {};
    const runtime = runtimeFor(defineApp({ fetch: () => new Promise<Response>((_resolve, reject) => (late = () => reject(new Error("secret: too late")))) }), 100);
    const started = Date.now();
    const invocation = runtime.begin({ requestId: "req-slow", deadline: started + 250, raw });
    const response = await runtime.fetch(new Request("http://x/"), invocation);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(504);
    expect(response.headers.get("x-request-id")).toBe("req-slow");
    expect(await response.json()).toEqual({ error: "Gateway Timeout", requestId: "req-slow" });
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(240);
    expect(logs.filter((record) => record.level === "error")).toEqual([
      expect.objectContaining({ msg: "fetch handler outlived its deadline", requestId: "req-slow", deadline: started + 250, marginMs: 100 }),
    ]);
    // The abandoned handler's later failure is logged, not left unhandled.
    late();
    await pause(5);
    expect(logs.at(-1)).toMatchObject({ level: "warn", msg: "fetch handler failed after its deadline", error: { message: "secret: too late" } });
  });

  it("retries every message the queue handler did not settle, keeping what it acked", async () => {
    const runtime = runtimeFor(
      defineApp({
        async queue(batch) {
          batch.messages[0]!.ack();
          batch.messages[1]!.retry();
          await never;
        },
      }),
      50,
    );
    const messages = ["a", "b", "c", "d"].map((id) => ({ id, body: id, attempts: 1, timestamp: new Date() }));
    const result = await runtime.queue("jobs", messages, runtime.begin({ deadline: Date.now() + 120, raw }));
    expect(result.threw).toBe(true);
    expect(result.outcomes.map((outcome) => [outcome.id, outcome.action])).toEqual([
      ["a", "ack"],
      ["b", "retry"],
      ["c", "retry"],
      ["d", "retry"],
    ]);
    expect(logs.filter((record) => record.level === "error").map((record) => record.msg)).toEqual(["queue handler outlived its deadline"]);
  });

  it("fails a scheduled or storage run so the platform retries it", async () => {
    const runtime = runtimeFor(defineApp({ scheduled: () => never, storage: () => never }), 50);
    const scheduled = await runtime.scheduled({ name: "nightly", cron: undefined, scheduledTime: 0 }, runtime.begin({ deadline: Date.now() + 100, raw }));
    expect(scheduled).toMatchObject({ ok: false, retry: true });
    const event = { bucket: "b", key: "k", action: "created" as const, size: 1, etag: "e", time: new Date(), type: "put", region: undefined };
    expect(await runtime.storage([event], runtime.begin({ deadline: Date.now() + 100, raw }))).toMatchObject({ ok: false, retry: true });
  });

  it("stops waiting for waitUntil work at the deadline", async () => {
    const runtime = runtimeFor(
      defineApp({
        fetch: (_request, _env, ctx) => {
          ctx.waitUntil(never);
          return new Response("ok");
        },
      }),
      50,
    );
    const invocation = runtime.begin({ deadline: Date.now() + 120, raw });
    expect((await runtime.fetch(new Request("http://x/"), invocation)).status).toBe(200);
    await invocation.settle();
    expect(logs.at(-1)).toMatchObject({ level: "warn", msg: "background work unfinished at the deadline", promises: 1 });
  });

  it("waits as long as it takes without a deadline, or with the margin turned off", async () => {
    const slow = defineApp({ fetch: () => pause(60).then(() => new Response("late but fine")) });
    expect((await runtimeFor(slow).fetch(new Request("http://x/"), runtimeFor(slow).begin({ raw }))).status).toBe(200);
    const off = runtimeFor(slow, false);
    expect((await off.fetch(new Request("http://x/"), off.begin({ deadline: Date.now() + 10, raw }))).status).toBe(200);
    expect(logs).toEqual([]);
  });
});

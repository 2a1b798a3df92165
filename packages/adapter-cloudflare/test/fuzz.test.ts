import { toCloudflare } from "@faasport/adapter-cloudflare";
import { checkProperty, failOn, fuzzMode, httpAnswerProblem, httpCases, inspectingApp, jsonJunk, mutatedEvent } from "@faasport/contract";
import fc from "fast-check";
import { describe, it } from "vitest";
import { fixture } from "./bundle";

/**
 * Property tests of hostile input for the Worker, called directly with
 * objects shaped as workerd's (the contract suite runs the real workerd):
 * requests with hostile paths and headers, queue batches whose messages hold
 * any value, R2 notifications mutated, Cron controllers with junk fields.
 * Every message must be settled exactly once: acked when the app finished
 * it, retried otherwise (none lost).
 */

const inspector = inspectingApp();
const worker = toCloudflare(inspector.app, { storageQueues: ["r2-events"], log: () => {} });
const env = {};
const ctx = () => ({ waitUntil: () => {}, passThroughOnException: () => {} });

/** Native messages built from mutated data, with `ack`/`retry` counted. */
function nativeBatch(queue: unknown, messages: readonly unknown[]) {
  const settledWith: string[][] = messages.map(() => []);
  const native = messages.map((data, index) => {
    const fields = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : { body: data };
    return {
      id: fields["id"],
      timestamp: typeof fields["timestamp"] === "number" ? new Date(fields["timestamp"]) : fields["timestamp"],
      body: fields["body"],
      attempts: fields["attempts"],
      ack: () => void settledWith[index]!.push("ack"),
      retry: () => void settledWith[index]!.push("retry"),
    };
  });
  return { batch: { queue, messages: native, ackAll: () => {}, retryAll: () => {} }, settledWith };
}

function settlementCountProblem(settledWith: string[][], expected: "ack" | "retry" | "any"): string | undefined {
  const wrong = settledWith.findIndex((calls) => calls.length !== 1 || (expected !== "any" && calls[0] !== expected));
  return wrong === -1 ? undefined : `message ${wrong} was settled with ${JSON.stringify(settledWith[wrong])}, expected one ${expected}`;
}

describe("fetch", () => {
  it("requests with hostile paths, queries, headers and bodies: the app's answer, or a 500 with the request id", async () => {
    await checkProperty(fc.record({ request: httpCases(), mode: fuzzMode(), ray: fc.option(fc.string({ maxLength: 40 })) }), async ({ request, mode, ray }) => {
      let native: Request;
      try {
        const headers = new Headers(request.headers.map(([name, value]) => [name, value] as [string, string]));
        if (ray !== null) headers.set("cf-ray", ray);
        const withBody = request.body && !["GET", "HEAD"].includes(request.method.toUpperCase());
        native = new Request(`https://w.example${request.path}${request.query === undefined ? "" : `?${request.query}`}`, {
          method: request.method,
          headers,
          body: withBody ? new Uint8Array(request.body) : null,
        });
      } catch {
        return; // workerd only hands over requests the Fetch API accepts: header values past U+00FF, forbidden methods and the like never arrive.
      }
      const settled = await inspector.run(() => worker.fetch(native, env, ctx()), mode);
      if (settled.state !== "resolved") return;
      const response = settled.value as Response;
      const headers = [...response.headers].filter(([name]) => name !== "set-cookie");
      failOn(
        httpAnswerProblem(
          { status: response.status, headers, cookies: response.headers.getSetCookie(), body: new Uint8Array(await response.arrayBuffer()) },
          mode,
          inspector.lastMethod,
        ),
      );
    });
  });
});

describe("queues", () => {
  const messages = fc.array(fc.oneof(jsonJunk(), fc.record({ id: jsonJunk(), timestamp: jsonJunk(), body: jsonJunk(), attempts: jsonJunk() })), { minLength: 1, maxLength: 5 });
  it("batches whose messages hold anything: every message acked once when the app finished, retried once when it failed", async () => {
    await checkProperty(fc.record({ queue: jsonJunk(), messages, mode: fuzzMode() }), async ({ queue, messages, mode }) => {
      const { batch, settledWith } = nativeBatch(queue, messages);
      await inspector.run(() => worker.queue(batch as never, env, ctx()), mode);
      failOn(settlementCountProblem(settledWith, mode === "ok" ? "ack" : "retry"));
    });
  });

  it("R2 notifications, mutated: each message settled exactly once (acked when handled or not an object change, retried otherwise)", async () => {
    const notifications = fc.array(mutatedEvent(fixture("r2-event-notification")), { minLength: 1, maxLength: 4 });
    await checkProperty(fc.record({ notifications, mode: fuzzMode() }), async ({ notifications, mode }) => {
      const { batch, settledWith } = nativeBatch(
        "r2-events",
        notifications.map(({ event }, index) => ({ id: `n${index}`, timestamp: 0, attempts: 1, body: event })),
      );
      await inspector.run(() => worker.queue(batch as never, env, ctx()), mode);
      failOn(settlementCountProblem(settledWith, "any"));
    });
  });
});

describe("scheduled", () => {
  it("controllers with junk fields: the run succeeds, or fails with the app's error so workerd retries it", async () => {
    const controller = mutatedEvent(fixture("scheduled-controller"));
    await checkProperty(fc.record({ controller, mode: fuzzMode() }), async ({ controller, mode }) => {
      const native = { ...(typeof controller.event === "object" && controller.event !== null ? controller.event : {}), noRetry: () => {} };
      await inspector.run(() => worker.scheduled(native as never, env, ctx()), mode);
    });
  });
});

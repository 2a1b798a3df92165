import { toCloudflare } from "@faasport/adapter-cloudflare";
import { appFailureMessage, checkProperty, crashCases, failOn, redeliveryProblem, useFaultyApp } from "@faasport/contract";
import { describe, expect, it } from "vitest";

/**
 * Faults on Workers, called directly with workerd-shaped objects (the
 * contract suite checks the same inside workerd): a queue handler crashing
 * mid-batch settles every native message, acked ones acked and the rest
 * retried; a failing Cron run rejects so workerd records the failure.
 * Workers give no wall-clock deadline to a handler (only CPU time), so a
 * handler that hangs is left to the platform: there is no 504 to answer.
 */

const kit = useFaultyApp();
const { faulty } = kit;
const worker = toCloudflare(faulty.app);
const ctx = { waitUntil: () => {}, passThroughOnException: () => {} };

describe("queues: a handler that crashes mid-batch", () => {
  it("retries every message it did not ack, and only those", async () => {
    await checkProperty(
      crashCases().filter(({ fault }) => fault !== "hang"),
      async ({ size, crashAt, fault }) => {
        faulty.acked.length = 0;
        Object.assign(faulty, { fault, crashAt });
        const retried: string[] = [];
        const messages = Array.from({ length: size }, (_, index) => ({
          id: `m${index}`,
          timestamp: new Date(),
          body: { n: index },
          attempts: 1,
          ack: () => {},
          retry: () => void retried.push(`m${index}`),
        }));
        await worker.queue({ queue: "jobs", messages, ackAll: () => {}, retryAll: () => {} }, {}, ctx);
        failOn(
          redeliveryProblem(
            messages.map((message) => message.id),
            faulty.acked,
            retried,
            true,
          ),
        );
      },
      { numRuns: 40 },
    );
  });
});

describe("Cron Triggers: a failing run", () => {
  it("rejects with the app's error after one log line", async () => {
    faulty.fault = "throw";
    const error = await worker.scheduled({ cron: "0 3 * * *", scheduledTime: Date.now(), noRetry: () => {} }, {}, ctx).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect((error as Error).message).toBe(appFailureMessage);
    expect(kit.lines.filter((line) => line.level === "error")).toHaveLength(1);
  });
});

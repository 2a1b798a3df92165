import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { LogRecord } from "@faasport/core";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "./apps/jobs";
import { adapterEntry, bundleWorker } from "./bundle";
import { startWorker } from "./harness";

/**
 * End to end inside workerd, with Miniflare's queue broker in the loop: the
 * app sends through its native producer binding, the broker delivers batches
 * to the Worker's queue handler and redelivers what the Worker retried.
 */

let mf: Miniflare;
let records: LogRecord[];
let origin: Server;

beforeAll(async () => {
  origin = createServer((_request, response) => response.end("from origin"));
  await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
  const appModule = fileURLToPath(new URL("./apps/jobs.ts", import.meta.url));
  const script = await bundleWorker(
    `import app from ${JSON.stringify(appModule)};\nimport { toCloudflare } from ${JSON.stringify(adapterEntry)};\nexport default toCloudflare(app);\n`,
    ".",
  );
  ({ mf, records } = await startWorker(script, {
    kvNamespaces: ["PROBE", "UNDECLARED_KV"],
    queueProducers: { JOBS: "jobs" },
    queueConsumers: { jobs: { maxBatchSize: 10, maxBatchTimeout: 0, maxRetries: 3, retryDelay: 0 } },
    bindings: { GREETING: "hi", SECRET: "must not reach the app" },
    upstream: `http://127.0.0.1:${(origin.address() as AddressInfo).port}`,
  }));
});

afterAll(async () => {
  await mf?.dispose();
  await new Promise((resolve) => origin?.close(resolve));
});

interface Delivery {
  readonly attempt: number;
  readonly at: number;
}

async function deliveries(id: string): Promise<Delivery[]> {
  return JSON.parse((await (await mf.getKVNamespace("PROBE")).get(`deliveries:${id}`)) ?? "[]") as Delivery[];
}

/** Sends jobs through the app's producer binding and waits until every job has been delivered the expected number of times, then a little more. */
async function run(jobs: Job[], expected: Record<string, number[]>): Promise<Record<string, Delivery[]>> {
  expect((await mf.dispatchFetch("http://jobs.example/send", { method: "POST", body: JSON.stringify(jobs) })).status).toBe(202);
  const until = Date.now() + 8000;
  const read = async () => Object.fromEntries(await Promise.all(jobs.map(async (job) => [job.id, await deliveries(job.id)] as const)));
  const attempts = (seen: Record<string, Delivery[]>) => Object.fromEntries(Object.entries(seen).map(([id, list]) => [id, list.map((delivery) => delivery.attempt)]));
  let seen = await read();
  while (JSON.stringify(attempts(seen)) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await read();
  }
  // Redelivery is immediate (retryDelay 0): anything still to come would arrive in this window.
  await new Promise((resolve) => setTimeout(resolve, 300));
  seen = await read();
  expect(attempts(seen)).toEqual(expected);
  return seen;
}

describe("queues, producer to consumer, inside workerd", () => {
  it("redelivers retried messages, with their delay, and only those", async () => {
    const seen = await run(
      [
        { id: "acked", plan: ["ack"] },
        { id: "retried", plan: ["retry", "ack"] },
        { id: "unsettled", plan: ["none"] },
        { id: "delayed", plan: ["retry-later", "ack"] },
      ],
      { acked: [1], retried: [1, 2], unsettled: [1], delayed: [1, 2] },
    );
    const [first, second] = seen["delayed"]!;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
  });

  it("when the handler throws, redelivers the messages it did not ack, never the acked one", async () => {
    await run(
      [
        { id: "acked-before-throw", plan: ["ack"] },
        { id: "thrower", plan: ["throw", "ack"] },
        // Never reached on the first delivery: the handler threw before it.
        { id: "after-throw", plan: ["none", "none"] },
      ],
      { "acked-before-throw": [1], thrower: [1, 2], "after-throw": [2] },
    );
    expect(records.find((record) => record.msg === "queue handler failed")?.["error"]).toMatchObject({ message: "job thrower failed" });
  });
});

describe("the Worker's env, inside workerd", () => {
  it("holds the declared bindings and vars only, and is resolved once for the isolate", async () => {
    await mf.dispatchFetch("http://jobs.example/env");
    const answer = (await (await mf.dispatchFetch("http://jobs.example/env")).json()) as { keys: string[]; greeting: string; envObjects: number };
    expect(answer).toEqual({ keys: ["GREETING", "JOBS", "PROBE"], greeting: "hi", envObjects: 1 });
  });
});

describe("passThroughOnException, inside workerd", () => {
  it("hands a crashed request to the origin once the app asked for it, and logs the crash", async () => {
    const passed = await mf.dispatchFetch("http://jobs.example/pass-through");
    expect([passed.status, await passed.text()]).toEqual([200, "from origin"]);
    expect(records.find((record) => record.msg === "fetch handler failed" && (record["error"] as { message?: string }).message === "let the origin answer")).toBeDefined();
    const crashed = await mf.dispatchFetch("http://jobs.example/crash");
    expect(crashed.status).toBe(500);
    expect(await crashed.json()).toEqual({ error: "Internal Server Error", requestId: expect.any(String) });
  });
});

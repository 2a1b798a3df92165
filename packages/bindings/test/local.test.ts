import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@faasport/adapter-node";
import { runQueueSuite } from "@faasport/contract";
import { defineApp, queue, type QueueMessage } from "@faasport/core";
import type { QueueMessageInit } from "@faasport/core/runtime";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalQueue, type LocalQueue } from "../src/local";
import { createCollector } from "./_collector";

const dir = mkdtempSync(join(tmpdir(), "faasport-local-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const kind of ["memory", "sqlite"] as const) {
  const collector = createCollector();
  let jobs: LocalQueue | undefined;
  runQueueSuite({
    name: `local (${kind})`,
    create: () => {
      jobs = createLocalQueue({ name: "jobs", ...(kind === "sqlite" ? { path: join(dir, "suite.db"), pollMs: 50 } : {}) });
      jobs.attachConsumer(collector.consumer);
      return jobs;
    },
    receive: collector.receive,
    dispose: () => jobs?.close(),
    limits: { maxDelaySeconds: 86_400 },
  });
}

const waitFor = async (check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe("local queue: delivery into the app's queue handler through the Node adapter", () => {
  type Seen = { body: unknown; attempts: number; at: number; queue: string };
  const appWith = (handle: (message: QueueMessage, seen: Seen[]) => void, seen: Seen[]) =>
    defineApp({
      bindings: { JOBS: queue() },
      fetch: () => new Response(),
      queue: (batch) => {
        for (const message of batch.messages) {
          seen.push({ body: message.body, attempts: message.attempts, at: Date.now(), queue: batch.queue });
          handle(message, seen);
        }
      },
    });

  it("redelivers a retried message after its delay, with attempts counted, then stops once acked", async () => {
    const seen: Seen[] = [];
    const jobs = createLocalQueue({ name: "jobs" });
    const server = await serve(
      appWith((message) => (message.attempts === 1 ? message.retry({ delaySeconds: 1 }) : message.ack()), seen),
      { port: 0, env: { JOBS: jobs }, log: () => {} },
    );
    try {
      await jobs.send({ id: "a" });
      await waitFor(() => seen.length === 2);
      expect(seen.map(({ body, attempts, queue: name }) => ({ body, attempts, name }))).toEqual([
        { body: { id: "a" }, attempts: 1, name: "jobs" },
        { body: { id: "a" }, attempts: 2, name: "jobs" },
      ]);
      expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toHaveLength(2);
    } finally {
      await server.close();
      await jobs.close();
    }
  });

  it("keeps an explicit ack through a throw, retries the rest, and dead-letters after maxRetries", async () => {
    const seen: Seen[] = [];
    const dead: QueueMessageInit[] = [];
    const jobs = createLocalQueue({ name: "jobs", maxRetries: 2, onDeadLetter: (message) => dead.push(message) });
    const app = appWith((message) => {
      if (message.body === "good") return message.ack();
      throw new Error("boom");
    }, seen);
    await jobs.sendBatch([{ body: "good" }, { body: "bad" }]);
    const server = await serve(app, { port: 0, env: { JOBS: jobs }, log: () => {} });
    try {
      await waitFor(() => dead.length === 1);
      expect(seen.map((entry) => `${String(entry.body)}#${entry.attempts}`)).toEqual(["good#1", "bad#1", "bad#2", "bad#3"]);
      expect(dead.map((message) => [message.body, message.attempts])).toEqual([["bad", 3]]);
      expect((await jobs.deadLetters()).map((message) => message.body)).toEqual(["bad"]);
    } finally {
      await server.close();
      await jobs.close();
    }
  });

  it("keeps messages in the SQLite file across restarts and across instances sharing it (another process)", async () => {
    const path = join(dir, "shared.db");
    const producer = createLocalQueue({ name: "jobs", path });
    await producer.send({ before: "consumer" });
    await producer.send("later", { delaySeconds: 1 });
    await producer.close();
    const reopened = createLocalQueue({ name: "jobs", path, pollMs: 50 });
    const other = createLocalQueue({ name: "jobs", path });
    const collector = createCollector();
    reopened.attachConsumer(collector.consumer);
    await other.send(new Uint8Array([1, 2, 3]));
    const received = await collector.receive(3, 5_000);
    expect(received.map((message) => message.body)).toEqual([{ before: "consumer" }, new Uint8Array([1, 2, 3]), "later"]);
    await Promise.all([reopened.close(), other.close()]);
  });
});

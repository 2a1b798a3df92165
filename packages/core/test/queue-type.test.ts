import { describe, expect, it } from "vitest";
import { createMemoryQueue, type Queue } from "@faasport/core";

describe("Queue", () => {
  it("is satisfied by a producer whose methods resolve with send metadata, as Workers' native binding does", async () => {
    const sent: unknown[] = [];
    // The shape of @cloudflare/workers-types' Queue: send and sendBatch resolve with { metadata }.
    const workersLike = {
      send: async (body: { id: string }, options?: { contentType?: "json"; delaySeconds?: number }) => (
        sent.push([body, options?.delaySeconds]), { metadata: { metrics: { backlogCount: 1 } } }
      ),
      sendBatch: async (messages: Iterable<{ body: { id: string }; delaySeconds?: number }>) => (sent.push(...messages), { metadata: { metrics: { backlogCount: 2 } } }),
      metrics: async () => ({ backlogCount: 0 }),
    };
    const jobs: Queue<{ id: string }> = workersLike;
    await jobs.send({ id: "1" }, { delaySeconds: 5 });
    await jobs.sendBatch([{ body: { id: "2" } }]);
    expect(sent).toEqual([[{ id: "1" }, 5], { body: { id: "2" } }]);
    // faasport's own producers still fit.
    const memory: Queue<{ id: string }> = createMemoryQueue<{ id: string }>();
    await expect(memory.send({ id: "3" })).resolves.toBeUndefined();
  });
});

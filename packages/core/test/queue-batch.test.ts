import { describe, expect, it } from "vitest";
import { createQueueBatch, decodeMessageBody, type QueueMessageInit } from "@faasport/core/runtime";

const messages = (count: number): QueueMessageInit[] => Array.from({ length: count }, (_, index) => ({ id: `m${index}`, body: index, attempts: 1, timestamp: new Date(0) }));

describe("QueueBatch", () => {
  it("acks unsettled messages when the handler returns", () => {
    const { outcomes } = createQueueBatch("q", messages(2));
    expect(outcomes(false)).toEqual([
      { id: "m0", action: "ack" },
      { id: "m1", action: "ack" },
    ]);
  });

  it("retries unsettled messages when the handler throws, keeping explicit acks", () => {
    const { batch, outcomes } = createQueueBatch("q", messages(3));
    batch.messages[0]!.ack();
    batch.messages[1]!.retry({ delaySeconds: 5 });
    expect(outcomes(true)).toEqual([
      { id: "m0", action: "ack" },
      { id: "m1", action: "retry", delaySeconds: 5 },
      { id: "m2", action: "retry", delaySeconds: undefined },
    ]);
  });

  it("lets the first decision on a message win, and batch-wide calls touch only unsettled ones", () => {
    const settled: string[] = [];
    const { batch, outcomes } = createQueueBatch("q", messages(3), (index, outcome) => settled.push(`${index}:${outcome.action}`));
    batch.messages[0]!.retry();
    batch.messages[0]!.ack();
    batch.ackAll();
    batch.retryAll();
    expect(outcomes(false).map((o) => o.action)).toEqual(["retry", "ack", "ack"]);
    expect(settled).toEqual(["0:retry", "1:ack", "2:ack"]);
  });

  it("sanitises retry delays", () => {
    const { batch, outcomes } = createQueueBatch("q", messages(2));
    batch.messages[0]!.retry({ delaySeconds: -3 });
    batch.messages[1]!.retry({ delaySeconds: 2.7 });
    expect(outcomes(false)).toEqual([
      { id: "m0", action: "retry", delaySeconds: 0 },
      { id: "m1", action: "retry", delaySeconds: 2 },
    ]);
  });

  it("exposes the message fields and frozen empty attributes", () => {
    const { batch } = createQueueBatch("jobs", [{ id: "a", body: { x: 1 }, attempts: 2, timestamp: new Date(5), attributes: { k: "v" } }, ...messages(1)]);
    expect(batch.queue).toBe("jobs");
    expect(batch.messages[0]).toMatchObject({ id: "a", body: { x: 1 }, attempts: 2, attributes: { k: "v" } });
    expect(batch.messages[1]!.attributes).toEqual({});
  });
});

describe("decodeMessageBody", () => {
  it("parses JSON and keeps other text", () => {
    expect(decodeMessageBody('{"a":1}')).toEqual({ a: 1 });
    expect(decodeMessageBody("[1]")).toEqual([1]);
    expect(decodeMessageBody('"s"')).toBe("s");
    expect(decodeMessageBody("true")).toBe(true);
    expect(decodeMessageBody("hello")).toBe("hello");
    expect(decodeMessageBody("{not json")).toBe("{not json");
    expect(decodeMessageBody("")).toBe("");
  });
});

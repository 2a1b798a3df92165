import { toAliyun } from "@faasport/adapter-aliyun";
import { defineApp, type LogRecord, type QueueBatch, type StorageEvent } from "@faasport/core";
import { describe, expect, it } from "vitest";
import { asBuffer, fc3Context, fixture } from "./fixtures";
import { recorder, rejection } from "./recorder";

describe("MNS topic triggers: one message per invocation, no per-message report", () => {
  const withQueue = (queue: (batch: QueueBatch) => void | Promise<void>, mnsTopic?: string) => {
    const logs: LogRecord[] = [];
    const handler = toAliyun(defineApp({ queue }), { variables: {}, log: (record) => logs.push(record), ...(mnsTopic === undefined ? {} : { mnsTopic }) });
    return { handler, logs };
  };

  it("resolves when the message is acked or left unsettled, so MNS deletes it", async () => {
    for (const settle of [(batch: QueueBatch) => batch.messages[0]?.ack(), () => {}]) {
      const { handler } = withQueue(settle);
      await expect(handler(asBuffer(fixture("mns-topic-json")), fc3Context())).resolves.toBeUndefined();
    }
  });

  it("fails the invocation when the message is retried, so FC delivers it again", async () => {
    const { handler } = withQueue((batch) => batch.messages[0]?.retry({ delaySeconds: 10 }));
    const error = await rejection(handler(asBuffer(fixture("mns-topic-json")), fc3Context()));
    expect((error as Error).message).toBe("[faasport] [aliyun] 1 message(s) to retry: failing the invocation so the platform delivers the batch again");
  });

  it("fails the invocation with the app's own error when the handler throws, even after an ack", async () => {
    const boom = new Error("boom");
    const { handler, logs } = withQueue((batch) => {
      batch.messages[0]?.ack();
      throw boom;
    });
    expect(await rejection(handler(asBuffer(fixture("mns-topic-stream-with-attributes")), fc3Context({ requestId: "stream-id" })))).toBe(boom);
    expect(logs).toContainEqual(expect.objectContaining({ level: "error", msg: "queue handler failed", requestId: "stream-id" }));
  });

  it("counts attempts from the context's retryCount, and decodes JSON bodies", async () => {
    const seen: { body: unknown; attempts: number }[] = [];
    const { handler } = withQueue((batch) => void seen.push(...batch.messages.map(({ body, attempts }) => ({ body, attempts }))), "jobs");
    await handler(Buffer.from('{"id":7}'), fc3Context({ retryCount: 2 }));
    await handler(asBuffer({ ...fixture<Record<string, unknown>>("mns-topic-json"), Message: "[1,2]" }), fc3Context());
    expect(seen).toEqual([
      { body: { id: 7 }, attempts: 3 },
      { body: [1, 2], attempts: 1 },
    ]);
  });

  it("keeps a STREAM body that is not UTF-8 as bytes", async () => {
    const { seen, handler } = recorder({ mnsTopic: "jobs" });
    await handler(Buffer.from([0xff, 0x00, 0x7b]), fc3Context({ requestId: "bin" }));
    expect(seen[0]).toMatchObject({ queue: "jobs", messages: [{ id: "bin", body: { bytes: [0xff, 0x00, 0x7b] } }] });
  });

  it("names STREAM messages with attributes after the configured topic", async () => {
    const { seen, handler } = recorder({ mnsTopic: "orders" });
    await handler(asBuffer(fixture("mns-topic-stream-with-attributes")), fc3Context());
    expect(seen[0]).toMatchObject({ queue: "orders", messages: [{ attributes: { Extend: '{"key":"value"}' } }] });
  });
});

describe("timer trigger", () => {
  const run = (scheduled: NonNullable<Parameters<typeof defineApp>[0]["scheduled"]>) =>
    toAliyun(defineApp({ scheduled }), { variables: {}, log: () => {} })(asBuffer(fixture("timer")), fc3Context());

  it("fails the invocation when the run fails, so FC retries it, unless the app said noRetry()", async () => {
    const error = new Error("nightly failed");
    expect(
      await rejection(
        run(() => {
          throw error;
        }),
      ),
    ).toBe(error);
    await expect(
      run((event) => {
        event.noRetry();
        throw error;
      }),
    ).resolves.toBeUndefined();
  });

  it("leaves the configured payload in the raw event", async () => {
    let raw: unknown;
    await run((_event, _env, ctx) => void (raw = ctx.raw.event));
    expect(JSON.parse(String(raw))).toMatchObject({ payload: "awesome-fc" });
  });
});

describe("OSS trigger", () => {
  const ossEvent = (...records: Record<string, unknown>[]) => {
    const [template] = fixture<{ events: Record<string, unknown>[] }>("oss").events;
    return { events: records.map((changes) => ({ ...structuredClone(template), ...changes })) };
  };
  const collect = async (event: unknown, fail = false) => {
    const seen: StorageEvent[] = [];
    const handler = toAliyun(
      defineApp({
        storage: (change) => {
          seen.push(change);
          if (fail) throw new Error("no");
        },
      }),
      { variables: {}, log: () => {} },
    );
    const error = await rejection(handler(asBuffer(event), { ...fc3Context(), region: "cn-beijing" }));
    return { seen, error };
  };

  it("delivers creations and removals in order, skips other events, takes keys as sent", async () => {
    const { seen } = await collect(
      ossEvent(
        { eventName: "ObjectCreated:PostObject" },
        { eventName: "ObjectReplication:ObjectCreated" },
        { eventName: "ObjectRemoved:DeleteObject", region: undefined },
        { eventName: "oss:ObjectRemoved:DeleteObjects" },
      ),
    );
    expect(seen.map(({ action, type, size, region }) => ({ action, type, size, region }))).toEqual([
      { action: "created", type: "ObjectCreated:PostObject", size: 122539, region: "cn-shanghai" },
      { action: "removed", type: "ObjectRemoved:DeleteObject", size: undefined, region: "cn-beijing" },
      { action: "removed", type: "oss:ObjectRemoved:DeleteObjects", size: undefined, region: "cn-shanghai" },
    ]);
    expect(seen[0]?.key).toBe("image/a.jpg");
  });

  it("fails the invocation at the first failing object, so FC retries it", async () => {
    const { seen, error } = await collect(ossEvent({}, {}), true);
    expect([seen.length, (error as Error).message]).toEqual([1, "no"]);
  });
});

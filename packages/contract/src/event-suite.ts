import { expect, it } from "vitest";
import type { QueueInstruction } from "./app";
import type { QueueCase, QueueOutcome, ScheduledCase, StorageCase, TaskOutcome } from "./harness";
import { eventually, probeRecord, type SuiteContext, uniqueId } from "./suite-context";

interface QueueRecord {
  readonly queue: string;
  readonly body: unknown;
  readonly attempts: number;
  readonly timestamp: number;
}

/** Whole seconds: the coarsest time resolution among the platforms' event formats. */
const sentAt = Math.floor(Date.now() / 1000) * 1000 - 60_000;

/** Registers the queue part of the contract. */
export function queueSuite(context: SuiteContext): void {
  const deliver = async (
    instructions: readonly (QueueInstruction | { text: string })[],
    attempts = 1,
  ): Promise<{ ids: string[]; outcome: QueueOutcome; seen: (id: string) => Promise<QueueRecord | null> }> => {
    const queue = context.harness().queue;
    if (!queue) throw new Error(`${context.definition.name} declares queue but its harness has no queue()`);
    const messages = instructions.map((instruction) => ({
      id: uniqueId("msg"),
      body: typeof instruction === "string" ? JSON.stringify({ do: instruction }) : instruction.text,
      attempts,
      sentAt,
    }));
    const batch: QueueCase = { queue: "contract-jobs", messages };
    const outcome = await queue(batch);
    // The app records each message under the id it saw, which is the platform's own where it names messages (Kafka).
    const seen = (id: string): Promise<QueueRecord | null> => eventually(() => probeRecord<QueueRecord>(context.probe(), `queue:${outcome.ids?.[id] ?? id}`));
    return { ids: messages.map((message) => message.id), outcome, seen };
  };
  const perMessage = !context.limit("queue.per-message");

  it(context.title("queue.ack"), async () => {
    const { ids, outcome, seen } = await deliver(["ack", "none", "ack"]);
    expect(outcome.redelivered).toEqual([]);
    for (const id of ids) expect(await seen(id)).not.toBeNull();
  });

  it(context.title("queue.retry"), async () => {
    const { ids, outcome } = await deliver(["ack", "retry", "none"]);
    if (perMessage) expect([...outcome.redelivered]).toEqual([ids[1]]);
    else expect([...outcome.redelivered].sort()).toEqual([...ids].sort());
  });

  it(context.title("queue.throw"), async () => {
    const { ids, outcome, seen } = await deliver(["ack", "throw", "none"]);
    // Where each message is its own invocation, the one after the throw was handled (and acked) in its own.
    if (context.definition.oneMessagePerInvocation) expect([...outcome.redelivered]).toEqual([ids[1]]);
    else if (perMessage) expect([...outcome.redelivered].sort()).toEqual([ids[1], ids[2]].sort());
    else expect([...outcome.redelivered].sort()).toEqual([...ids].sort());
    expect(await seen(ids[0]!)).not.toBeNull();
  });

  it(context.title("queue.per-message"), async () => {
    const { ids, outcome } = await deliver(["retry", "ack", "retry", "none"]);
    if (perMessage) expect([...outcome.redelivered].sort()).toEqual([ids[0], ids[2]].sort());
    else expect([...outcome.redelivered].sort()).toEqual([...ids].sort());
  });

  it(context.title("queue.retry-delay"), async () => {
    const { ids, outcome } = await deliver(["retry"]);
    expect(outcome.redelivered).toContain(ids[0]);
    if (!context.limit("queue.retry-delay")) expect(outcome.delays?.[ids[0]!]).toBe(30);
  });

  it(context.title("queue.body"), async () => {
    const { ids, seen } = await deliver([{ text: "plain text ✓, not JSON" }, { text: JSON.stringify({ do: "ack", n: [1, 2], s: "ü" }) }], 3);
    const [text, json] = await Promise.all(ids.map(seen));
    if (context.limit("queue.body")) {
      // The platform does not tell the delivery count or the send time: bodies still arrive decoded, with stand-in values.
      expect(text).toEqual({ queue: expect.any(String), body: "plain text ✓, not JSON", attempts: expect.any(Number), timestamp: expect.any(Number) });
      expect(text?.attempts).toBeGreaterThanOrEqual(1);
    } else {
      expect(text).toEqual({ queue: expect.any(String), body: "plain text ✓, not JSON", attempts: 3, timestamp: sentAt });
    }
    expect(json?.body).toEqual({ do: "ack", n: [1, 2], s: "ü" });
    expect(json?.queue).toMatch(/\S/);
  });
}

interface ScheduledRecord {
  readonly name: string;
  readonly cron: string | null;
  readonly scheduledTime: number;
}

/** Registers the schedule part of the contract. */
export function scheduledSuite(context: SuiteContext): void {
  const fire = (name: string): Promise<TaskOutcome> => {
    const scheduled = context.harness().scheduled;
    if (!scheduled) throw new Error(`${context.definition.name} declares scheduled but its harness has no scheduled()`);
    const event: ScheduledCase = { name, cron: "0 3 * * *", scheduledTime: sentAt };
    return scheduled(event);
  };
  const record = (name: string): Promise<ScheduledRecord | null> => eventually(() => probeRecord<ScheduledRecord>(context.probe(), `scheduled:${name}`));

  it(context.title("scheduled.run"), async () => {
    const name = uniqueId("nightly");
    expect(await fire(name)).toEqual({ failed: false });
    const seen = await record(name);
    // Workers name a schedule by its cron: there is no other name to carry.
    expect([name, "0 3 * * *"]).toContain(seen?.name);
    expect(seen?.scheduledTime).toBe(sentAt);
  });

  it(context.title("scheduled.cron"), async () => {
    const name = uniqueId("cron");
    await fire(name);
    const seen = await record(name);
    if (context.limit("scheduled.cron")) expect(seen?.cron).toBeNull();
    else expect(seen?.cron).toBe("0 3 * * *");
  });

  it(context.title("scheduled.retry"), async () => {
    expect(await fire(uniqueId("fail"))).toEqual({ failed: true });
    expect(await fire(uniqueId("fail-no-retry"))).toEqual({ failed: false });
  });
}

interface StorageRecord {
  readonly bucket: string;
  readonly key: string;
  readonly action: string;
  readonly size: number | null;
  readonly etag: string | null;
  readonly time: number;
}

/** Registers the storage part of the contract. */
export function storageSuite(context: SuiteContext): void {
  const notify = (event: StorageCase): Promise<TaskOutcome> => {
    const storage = context.harness().storage;
    if (!storage) throw new Error(`${context.definition.name} declares storage but its harness has no storage()`);
    return storage(event);
  };
  const record = (key: string): Promise<StorageRecord | null> => eventually(() => probeRecord<StorageRecord>(context.probe(), `storage:${key}`));
  const base = { bucket: "contract-bucket", size: 1234, etag: "0123456789abcdef0123456789abcdef", time: sentAt };

  it(context.title("storage.created"), async () => {
    const key = `photos/${uniqueId("cat")}.jpg`;
    expect(await notify({ ...base, key, action: "created" })).toEqual({ failed: false });
    expect(await record(key)).toEqual({ ...base, key, action: "created" });
  });

  it(context.title("storage.removed"), async () => {
    const key = `photos/${uniqueId("gone")}.jpg`;
    expect(await notify({ ...base, key, action: "removed" })).toEqual({ failed: false });
    expect(await record(key)).toMatchObject({ bucket: base.bucket, key, action: "removed", time: sentAt });
  });

  it(context.title("storage.encoded-keys"), async () => {
    const key = `my folder/${uniqueId("ü")} + plus & co=1?.txt`;
    await notify({ ...base, key, action: "created" });
    expect((await record(key))?.key).toBe(key);
  });

  it(context.title("storage.retry"), async () => {
    expect(await notify({ ...base, key: `fail/${uniqueId("x")}`, action: "created" })).toEqual({ failed: true });
  });
}

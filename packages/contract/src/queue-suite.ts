import { isFaasportError, type Queue } from "@faasport/core";
import type { QueueMessageInit } from "@faasport/core/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededBytes, toBase64 } from "./payloads";

/** What a queue backend allows. */
export interface QueueDriverLimits {
  /** Largest message the service takes, in bytes as it counts them. Absent: none the suite reaches (it checks 1 MiB). */
  readonly maxMessageBytes?: number;
  /** Longest per-message delay, in seconds; 0 when the service has none (topics), which the suite then checks is refused. */
  readonly maxDelaySeconds: number;
  /**
   * Whether a message past `maxMessageBytes` is refused where the suite runs. Default true; false only for an
   * emulator that does not enforce the platform's documented limit (the suite then checks the message at the limit arrives).
   */
  readonly refusesOversizedMessages?: boolean;
}

/** One queue driver under the shared suite. */
export interface QueueSuiteDefinition {
  /** Shown in test names, e.g. `sqs`. */
  readonly name: string;
  /** Builds the producer under test, once, after the backend is up. */
  create(): Queue<unknown> | Promise<Queue<unknown>>;
  /**
   * The consumer side, as the app's `queue` handler would see the messages
   * (decoded by the same code the platform's adapter uses). Resolves once
   * `count` messages arrived, or with what arrived when `timeoutMs` ran out.
   */
  receive(count: number, timeoutMs: number): Promise<QueueMessageInit[]>;
  dispose?(): void | Promise<void>;
  readonly limits: QueueDriverLimits;
  /** `faasport` (default): bad input is an `InvalidArgumentError`; `native`: a platform binding with errors of its own. */
  readonly errors?: "faasport" | "native";
  /** A body whose message is exactly `bytes` long as the service counts it. Default: a string whose JSON text is `bytes` long. */
  readonly sizedBody?: (bytes: number) => unknown;
  /** Driver-specific tests. */
  readonly extra?: (queue: () => Queue<unknown>) => void;
}

/** A canonical text per body, so bodies compare as a multiset whatever order a queue delivers in. */
function canonical(body: unknown): string {
  if (body instanceof Uint8Array) return `bytes:${toBase64(body)}`;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return `unexpected ${Object.prototype.toString.call(body)}`;
  return `${typeof body}:${JSON.stringify(body)}`;
}

const bodies: unknown[] = [
  "plain text",
  "42",
  '{"looks":"like json"}',
  "",
  "ünïcødé ✓ 🚀 \uFFFF",
  42,
  -0.5,
  true,
  null,
  { id: "1", nested: { list: [1, "two", null] } },
  ["a", 1],
  seededBytes(300, 3),
  new Uint8Array([0, 255, 0xc3, 0x28]),
];

/**
 * Registers the queue suite for one driver: send and batch send of text,
 * JSON and bytes with the round trip into the consumer, delays, limits and
 * refused input.
 *
 * @example
 * runQueueSuite({ name: "local", create: () => queue, receive: (count, ms) => consumer.take(count, ms), limits: { maxDelaySeconds: 43200 } });
 */
export function runQueueSuite(definition: QueueSuiteDefinition): void {
  describe(`queue driver: ${definition.name}`, () => {
    let instance: Queue<unknown> | undefined;
    beforeAll(async () => {
      instance = await definition.create();
    });
    afterAll(async () => {
      await definition.dispose?.();
    });
    const queue = (): Queue<unknown> => {
      if (!instance) throw new Error(`queue driver ${definition.name} was not created`);
      return instance;
    };
    const rejects = async (action: () => Promise<unknown>): Promise<void> => {
      const error = await action().then(
        () => undefined,
        (caught: unknown) => caught ?? new Error("rejected with nothing"),
      );
      expect(error, "expected a rejection").toBeInstanceOf(Error);
      if (definition.errors !== "native") expect(isFaasportError(error, "INVALID_ARGUMENT"), (error as Error).message).toBe(true);
    };
    const { maxDelaySeconds, maxMessageBytes } = definition.limits;

    it("delivers text, JSON and bytes to the consumer as they were sent, one message each", async () => {
      const before = Date.now();
      for (const body of bodies) await queue().send(body);
      const received = await definition.receive(bodies.length, 10_000);
      expect(received.map((message) => canonical(message.body)).sort()).toEqual(bodies.map(canonical).sort());
      expect(new Set(received.map((message) => message.id)).size).toBe(bodies.length);
      for (const message of received) {
        expect(message.id).toMatch(/\S/);
        expect(message.attempts).toBe(1);
        expect(Math.abs(message.timestamp.getTime() - before)).toBeLessThan(30_000);
      }
    });

    it("sends a batch larger than the service's own batch limit, every message delivered once", async () => {
      const batch = Array.from({ length: 40 }, (_, index) => ({ body: index % 3 === 0 ? seededBytes(20, index) : { index } }));
      await queue().sendBatch(batch);
      // Cloudflare Queues and SQS refuse an empty batch, so every driver does.
      await rejects(() => queue().sendBatch([]));
      const received = await definition.receive(batch.length, 10_000);
      expect(received.map((message) => canonical(message.body)).sort()).toEqual(batch.map((entry) => canonical(entry.body)).sort());
    });

    if (maxDelaySeconds > 0) {
      it("holds delayed messages (send and batch) until their delay has passed, while others go ahead", async () => {
        const sentAt = Date.now();
        await queue().send({ delayed: "send" }, { delaySeconds: 2 });
        await queue().sendBatch([{ body: { now: "batch" } }, { body: { delayed: "batch" }, delaySeconds: 2 }]);
        const first = await definition.receive(1, 5_000);
        expect(first.map((message) => message.body)).toEqual([{ now: "batch" }]);
        expect(Date.now() - sentAt).toBeLessThan(1_900);
        const later = await definition.receive(2, 8_000);
        expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1_900);
        expect(later.map((message) => canonical(message.body)).sort()).toEqual([canonical({ delayed: "batch" }), canonical({ delayed: "send" })].sort());
      });
    } else {
      it("declares no per-message delay, and refuses one", async () => {
        await rejects(() => queue().send("x", { delaySeconds: 2 }));
        await rejects(() => queue().sendBatch([{ body: "x", delaySeconds: 2 }]));
        await queue().send("undelayed", { delaySeconds: 0 });
        expect((await definition.receive(1, 5_000)).map((message) => message.body)).toEqual(["undelayed"]);
      });
    }

    it(`refuses bad delays${maxDelaySeconds > 0 ? ` (0–${maxDelaySeconds} s)` : ""} and bodies that cannot travel`, async () => {
      await rejects(() => queue().send("x", { delaySeconds: -1 }));
      await rejects(() => queue().send("x", { delaySeconds: Math.max(maxDelaySeconds, 0) + 1 }));
      await rejects(() => queue().send(() => "a function"));
      await rejects(() => queue().sendBatch([{ body: "fine" }, { body: Symbol("no") }]));
      // faasport drivers encode the whole batch before sending, so nothing half-arrives; a native binding makes no such promise (Miniflare sends "fine").
      const leftovers = await definition.receive(1, 500);
      if (definition.errors !== "native") expect(leftovers).toEqual([]);
    });

    const size = maxMessageBytes ?? 1024 * 1024;
    const refuses = maxMessageBytes !== undefined && definition.limits.refusesOversizedMessages !== false;
    const what = !maxMessageBytes ? " (no limit below that)" : refuses ? " and refuses one byte more" : " (past it the platform refuses; this emulator does not enforce it)";
    it(`delivers a message of ${size.toLocaleString("en")} bytes${what}`, async () => {
      const sized = definition.sizedBody ?? ((bytes: number) => "x".repeat(bytes - 2));
      await queue().send(sized(size));
      const [message] = await definition.receive(1, 10_000);
      expect(message?.body).toEqual(sized(size));
      if (refuses) await rejects(() => queue().send(sized(size + 1)));
    });

    definition.extra?.(queue);
  });
}

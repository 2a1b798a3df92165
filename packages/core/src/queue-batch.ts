import { base64ToBytes, bytesToBase64 } from "./runtime/bytes";
import { InvalidArgumentError } from "./errors";

/** Options for retrying a message. */
export interface RetryOptions {
  /** Seconds to wait before redelivery, where the platform supports a per-message delay. */
  delaySeconds?: number;
}

/**
 * One message of a {@link QueueBatch}. Settle it with `ack()` or `retry()`;
 * the first call wins. A message left unsettled is acked when the handler
 * returns and retried when it throws.
 */
export interface QueueMessage<T = unknown> {
  readonly id: string;
  /** Decoded: what the producer sent (a JSON text arrives parsed; bytes arrive as a `Uint8Array`). */
  readonly body: T;
  /** 1 on first delivery. */
  readonly attempts: number;
  /** When the message was sent. */
  readonly timestamp: Date;
  readonly attributes: Readonly<Record<string, string>>;
  ack(): void;
  retry(options?: RetryOptions): void;
}

/**
 * A batch of queue messages.
 *
 * @example
 * async queue(batch, env) {
 *   for (const message of batch.messages) {
 *     try { await handle(message.body); message.ack(); }
 *     catch { message.retry({ delaySeconds: 30 }); }
 *   }
 * }
 */
export interface QueueBatch<T = unknown> {
  /** The queue (or topic) name. */
  readonly queue: string;
  readonly messages: readonly QueueMessage<T>[];
  /** Acks every message not settled one by one. */
  ackAll(): void;
  /** Retries every message not settled one by one. */
  retryAll(options?: RetryOptions): void;
}

/** What an adapter knows of a message before the app sees it. */
export interface QueueMessageInit {
  readonly id: string;
  readonly body: unknown;
  readonly attempts: number;
  readonly timestamp: Date;
  readonly attributes?: Readonly<Record<string, string>> | undefined;
}

/** How each message ended. */
export type MessageOutcome = { readonly id: string; readonly action: "ack" } | { readonly id: string; readonly action: "retry"; readonly delaySeconds: number | undefined };

type Decision = { action: "ack" } | { action: "retry"; delaySeconds: number | undefined };

/** A batch plus the means to read each message's fate once the handler is done. */
export interface QueueBatchHandle {
  readonly batch: QueueBatch;
  /** The outcome per message, in order, applying the default rule for unsettled ones. */
  readonly outcomes: (handlerThrew: boolean) => MessageOutcome[];
}

const noAttributes: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Builds a {@link QueueBatch} for an adapter. `onSettle` lets an adapter
 * forward explicit decisions straight to a native message (Workers).
 */
export function createQueueBatch(queue: string, inits: readonly QueueMessageInit[], onSettle?: (index: number, decision: MessageOutcome) => void): QueueBatchHandle {
  const explicit = new Array<Decision | undefined>(inits.length);
  let batchWide: Decision | undefined;
  const settle = (index: number, decision: Decision): void => {
    if (explicit[index] !== undefined) return;
    explicit[index] = decision;
    onSettle?.(index, { id: inits[index]!.id, ...decision });
  };
  const messages = inits.map(
    (init, index): QueueMessage => ({
      id: init.id,
      body: init.body,
      attempts: init.attempts,
      timestamp: init.timestamp,
      attributes: init.attributes ?? noAttributes,
      ack: () => settle(index, { action: "ack" }),
      retry: (options) => settle(index, { action: "retry", delaySeconds: validDelay(options?.delaySeconds) }),
    }),
  );
  const settleAll = (decision: Decision): void => {
    if (batchWide !== undefined) return;
    batchWide = decision;
    for (let index = 0; index < inits.length; index++) settle(index, decision);
  };
  const batch: QueueBatch = {
    queue,
    messages,
    ackAll: () => settleAll({ action: "ack" }),
    retryAll: (options) => settleAll({ action: "retry", delaySeconds: validDelay(options?.delaySeconds) }),
  };
  return {
    batch,
    outcomes: (handlerThrew) =>
      inits.map((init, index) => {
        const decision = explicit[index] ?? (handlerThrew ? { action: "retry", delaySeconds: undefined } : { action: "ack" });
        return { id: init.id, ...decision };
      }),
  };
}

function validDelay(delaySeconds: number | undefined): number | undefined {
  if (delaySeconds === undefined) return undefined;
  if (!Number.isFinite(delaySeconds) || delaySeconds < 0) return 0;
  return Math.floor(delaySeconds);
}

/**
 * Decodes a queue body the way producers of faasport's `Queue` encode it (see
 * {@link encodeMessageBody}): JSON text is parsed, the bytes envelope becomes
 * a `Uint8Array`, anything else (a foreign producer's plain text) stays a string.
 */
export function decodeMessageBody(text: string): unknown {
  const first = text.charCodeAt(0);
  // Only try JSON where it can start; saves a throw on every plain-text body.
  const jsonStart =
    first === 0x7b || first === 0x5b || first === 0x22 || first === 0x2d || (first >= 0x30 && first <= 0x39) || text === "true" || text === "false" || text === "null";
  if (!jsonStart) return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return first === 0x7b ? (bytesFromEnvelope(value) ?? value) : value;
}

/** The key that marks a bytes body on the wire: `{"$faasport":"bytes","base64":"…"}`. */
const envelopeKey = "$faasport";

/**
 * Encodes a queue body as the text every faasport producer puts on the wire,
 * so that {@link decodeMessageBody} gives back what was sent on any queue
 * that carries text: strings and JSON values as JSON text (so `"42"` stays a
 * string), bytes (`ArrayBuffer` or any view) as a small JSON envelope with
 * their base64. Anything JSON cannot carry is an `InvalidArgumentError`.
 *
 * @example
 * encodeMessageBody("hi"); // '"hi"'
 * encodeMessageBody(new Uint8Array([1, 2])); // '{"$faasport":"bytes","base64":"AQI="}'
 */
export function encodeMessageBody(body: unknown): string {
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    return JSON.stringify({ [envelopeKey]: "bytes", base64: bytesToBase64(bytes) });
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (cause) {
    throw new InvalidArgumentError(`a queue message body must be JSON-serialisable or bytes: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (text === undefined) throw new InvalidArgumentError(`a queue message body must be JSON-serialisable or bytes, got ${typeof body}`);
  // U+FFFE and U+FFFF are not allowed in SQS bodies or XML (MNS); JSON may carry them escaped.
  return text.replace(/[\uFFFE\uFFFF]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}

function bytesFromEnvelope(value: unknown): Uint8Array | undefined {
  if (typeof value !== "object" || value === null || (value as Record<string, unknown>)[envelopeKey] !== "bytes") return undefined;
  const base64 = (value as Record<string, unknown>)["base64"];
  if (typeof base64 !== "string" || Object.keys(value).length !== 2) return undefined;
  try {
    // A plain Uint8Array with its own buffer, whatever the platform's base64 decoder returns (Node: a pooled Buffer).
    return new Uint8Array(base64ToBytes(base64));
  } catch {
    return undefined;
  }
}

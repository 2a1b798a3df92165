import { ConfigurationError, InvalidArgumentError, isFaasportError, ProviderError } from "@faasport/core";
import { encodeMessageBody } from "@faasport/core/runtime";
import type { Queue, QueueSendOptions, QueueSendRequest } from "@faasport/core";

const encoder = new TextEncoder();

/** UTF-8 length of a string. */
export function byteLength(text: string): number {
  return encoder.encode(text).byteLength;
}

/** Network failures that a later attempt may not meet: the call is retryable. */
const transientCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Whether an error (or its cause) is a lost or refused connection, a timeout or a DNS hiccup. */
export function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === "string" && transientCodes.has(code)) return true;
    if (name === "TimeoutError" || name === "MaxRetriesPerRequestError") return true;
    if (typeof message === "string" && /Connection is closed|socket hang up|fetch failed/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Wraps a backend failure as a `ProviderError` that keeps the SDK error as
 * `cause`. Errors that are already faasport's pass through untouched.
 */
export function providerError(driver: string, action: string, cause: unknown, retryable: boolean): Error {
  if (isFaasportError(cause)) return cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ProviderError(driver, `${action} failed: ${detail}`, { retryable, cause });
}

/**
 * Loads an optional peer dependency (or a Node built-in) on first use, with an
 * error that says what to install when it is missing. The specifier is a
 * variable on purpose: bundlers (esbuild, wrangler) then leave the import to
 * run time instead of failing on SDKs of drivers the app never uses; the AWS
 * SDK, for one, comes with the Lambda runtime.
 */
export async function loadPeer<T>(driver: string, name: string): Promise<T> {
  const specifier = name;
  try {
    return (await import(/* @vite-ignore */ specifier)) as T;
  } catch (cause) {
    throw new ConfigurationError(`[${driver}] this driver needs the optional peer dependency "${name}": install it next to @faasport/bindings`, { cause });
  }
}

/** Refuses a value larger than the backend's documented limit, before sending it. */
export function checkSize(driver: string, what: string, size: number, limit: number, source: string): void {
  if (size > limit) throw new InvalidArgumentError(`[${driver}] ${what} of ${size} bytes is over the limit of ${limit} bytes (${source})`);
}

/** A per-message delay: a whole number of seconds from 0 to `max`. */
export function checkDelay(driver: string, delaySeconds: number | undefined, max: number): number {
  if (delaySeconds === undefined || delaySeconds === 0) return 0;
  if (max === 0) throw new InvalidArgumentError(`[${driver}] this destination has no per-message delay; send without delaySeconds`);
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > max) {
    throw new InvalidArgumentError(`[${driver}] delaySeconds must be a whole number from 0 to ${max}, got ${String(delaySeconds)}`);
  }
  return delaySeconds;
}

/** A message ready for the wire: the encoded body and its delay. */
export interface EncodedMessage {
  readonly text: string;
  readonly bytes: number;
  readonly delaySeconds: number;
}

/**
 * Encodes every message of a send or batch before anything is sent, so a bad
 * body or delay refuses the whole call and nothing half-arrives.
 */
export function encodeMessages(
  driver: string,
  messages: Iterable<QueueSendRequest<unknown>>,
  limits: { maxDelaySeconds: number; maxMessageBytes: number; source: string },
  adapt: (text: string) => string = (text) => text,
): EncodedMessage[] {
  const encoded: EncodedMessage[] = [];
  const all = [...messages];
  // Cloudflare Queues and SQS both refuse an empty batch; refusing it everywhere keeps code portable.
  if (all.length === 0) throw new InvalidArgumentError(`[${driver}] sendBatch needs at least one message`);
  for (const message of all) {
    const delaySeconds = checkDelay(driver, message.delaySeconds, limits.maxDelaySeconds);
    const text = adapt(encodeMessageBody(message.body));
    const bytes = byteLength(text);
    checkSize(driver, "a message", bytes, limits.maxMessageBytes, limits.source);
    encoded.push({ text, bytes, delaySeconds });
  }
  return encoded;
}

/** Splits messages into batches of at most `count` messages and `bytes` in all. */
export function chunk(messages: readonly EncodedMessage[], count: number, bytes: number): EncodedMessage[][] {
  const batches: EncodedMessage[][] = [];
  let current: EncodedMessage[] = [];
  let size = 0;
  for (const message of messages) {
    if (current.length > 0 && (current.length === count || size + message.bytes > bytes)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += message.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** A query parameter as a positive integer, or the default. */
export function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigurationError(`${url.protocol} parameter ${name} must be a whole number, got ${JSON.stringify(raw)}`);
  return value;
}

/**
 * A producer whose `send` and `sendBatch` encode every message up front (a bad
 * body refuses the whole call) and then hand the batch to `deliver`.
 */
export function encodingProducer<T>(encode: (messages: Iterable<QueueSendRequest<unknown>>) => EncodedMessage[], deliver: (messages: EncodedMessage[]) => Promise<void>): Queue<T> {
  return {
    send: async (body: T, options?: QueueSendOptions) => deliver(encode([{ body, ...(options?.delaySeconds === undefined ? {} : { delaySeconds: options.delaySeconds }) }])),
    sendBatch: async (messages: Iterable<QueueSendRequest<T>>) => deliver(encode(messages)),
  };
}

/** The queue or topic named by the path of an `mns://` or `cmq://` URL (`/queues/<name>` or `/topics/<name>`). */
export function destinationOf(url: URL, driver: string, usage: string): { queue: string } | { topic: string } {
  const match = /^\/(queues|topics)\/([^/]+)$/.exec(url.pathname);
  if (!match) throw new ConfigurationError(`[${driver}] ${url.href} names no queue or topic: use ${usage}`);
  const name = decodeURIComponent(match[2]!);
  return match[1] === "queues" ? { queue: name } : { topic: name };
}

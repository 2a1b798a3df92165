import { InvalidArgumentError } from "./errors";
import type { KVPutOptions, KVValue } from "./kv";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Turns any accepted KV value into bytes; drivers share it so every backend stores the same bytes. */
export async function encodeKVValue(value: KVValue): Promise<Uint8Array> {
  if (typeof value === "string") return encoder.encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  if (isReadableStream(value)) return readAll(value);
  throw new InvalidArgumentError(`a KV value must be a string, ArrayBuffer, typed array or ReadableStream, got ${typeof value}`);
}

/** The value type names `get` accepts. */
export type KVValueType = "text" | "json" | "arrayBuffer" | "stream";

/** Reads stored bytes as the requested type. */
export function decodeKVValue(bytes: Uint8Array, type: KVValueType = "text"): unknown {
  switch (type) {
    case "text":
      return decoder.decode(bytes);
    case "json":
      return JSON.parse(decoder.decode(bytes));
    case "arrayBuffer":
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    case "stream":
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice());
          controller.close();
        },
      });
    default:
      throw new InvalidArgumentError(`unknown KV value type ${JSON.stringify(type)}: use "text", "json", "arrayBuffer" or "stream"`);
  }
}

/** Checks a key; every driver applies the same rule so behaviour does not depend on the backend. */
export function validateKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || key.length === 0) throw new InvalidArgumentError(`a KV key must be a non-empty string, got ${key === "" ? "an empty string" : typeof key}`);
}

/** The absolute expiry (epoch seconds) that put options ask for, or `undefined` for none. */
export function resolveExpiration(options: KVPutOptions | undefined, nowMs: number): number | undefined {
  if (!options) return undefined;
  const { expiration, expirationTtl } = options;
  if (expirationTtl !== undefined) {
    if (typeof expirationTtl !== "number" || !Number.isFinite(expirationTtl) || expirationTtl <= 0) {
      throw new InvalidArgumentError(`expirationTtl must be a positive number of seconds, got ${String(expirationTtl)}`);
    }
    return Math.floor(nowMs / 1000 + expirationTtl);
  }
  if (expiration !== undefined) {
    if (typeof expiration !== "number" || !Number.isFinite(expiration) || expiration <= nowMs / 1000) {
      throw new InvalidArgumentError(`expiration must be a time in the future, in seconds since the epoch, got ${String(expiration)}`);
    }
    return Math.floor(expiration);
  }
  return undefined;
}

/** Checks a list limit: 1–1000, default 1000, as on Cloudflare KV. */
export function resolveListLimit(limit: number | undefined): number {
  if (limit === undefined) return 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InvalidArgumentError(`list limit must be an integer from 1 to 1000, got ${String(limit)}`);
  return limit;
}

/**
 * Orders keys as Cloudflare KV, SQLite and Redis do: by their UTF-8 bytes.
 * (JavaScript's `<` compares UTF-16 units, which puts "😀" before "\uFFFD".)
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    // A surrogate (U+D800–DFFF) stands for a code point above U+FFFF, which sorts after any other unit in UTF-8.
    const xAstral = x >= 0xd800 && x <= 0xdfff;
    const yAstral = y >= 0xd800 && y <= 0xdfff;
    if (xAstral !== yAstral) return xAstral ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Encodes the last key of a page as an opaque cursor. */
export function encodeCursor(lastKey: string): string {
  let binary = "";
  for (const byte of encoder.encode(lastKey)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Reads a cursor made by {@link encodeCursor}. */
export function decodeCursor(cursor: string): string {
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    return decoder.decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch (cause) {
    throw new InvalidArgumentError(`invalid list cursor ${JSON.stringify(cursor)}`, { cause });
  }
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === "object" && value !== null && typeof (value as ReadableStream).getReader === "function";
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = typeof value === "string" ? encoder.encode(value) : value;
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

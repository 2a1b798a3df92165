/** Options for {@link KV.put}; times are in seconds, as on Cloudflare KV. */
export interface KVPutOptions {
  /** Seconds from now until the key expires. */
  expirationTtl?: number;
  /** Absolute expiry, in seconds since the epoch. */
  expiration?: number;
  /** Any JSON-serialisable value stored beside the key and returned by `list` and `getWithMetadata`. */
  metadata?: unknown;
}

/** Options for {@link KV.list}. */
export interface KVListOptions {
  prefix?: string;
  /** The `cursor` of the previous page. */
  cursor?: string;
  /** At most this many keys (1–1000, default 1000). */
  limit?: number;
}

/** One page of {@link KV.list}. */
export interface KVListResult<M = unknown> {
  keys: { name: string; expiration?: number; metadata?: M }[];
  list_complete: boolean;
  cursor?: string;
}

/** A value accepted by {@link KV.put}. */
export type KVValue = string | ArrayBuffer | ArrayBufferView | ReadableStream;

/**
 * A key-value namespace, shaped after Cloudflare's `KVNamespace` so that the
 * native Workers binding satisfies it as is. A missing key reads `null`.
 *
 * @example
 * await env.TODOS.put("todo:1", JSON.stringify({ title: "milk" }), { expirationTtl: 3600 });
 * const todo = await env.TODOS.get<{ title: string }>("todo:1", "json");
 */
export interface KV {
  get(key: string, type?: "text"): Promise<string | null>;
  get<T = unknown>(key: string, type: "json"): Promise<T | null>;
  get(key: string, type: "arrayBuffer"): Promise<ArrayBuffer | null>;
  get(key: string, type: "stream"): Promise<ReadableStream | null>;
  getWithMetadata<M = unknown>(key: string, type?: "text"): Promise<{ value: string | null; metadata: M | null }>;
  getWithMetadata<T = unknown, M = unknown>(key: string, type: "json"): Promise<{ value: T | null; metadata: M | null }>;
  getWithMetadata<M = unknown>(key: string, type: "arrayBuffer"): Promise<{ value: ArrayBuffer | null; metadata: M | null }>;
  put(key: string, value: KVValue, options?: KVPutOptions): Promise<void>;
  delete(key: string): Promise<void>;
  list<M = unknown>(options?: KVListOptions): Promise<KVListResult<M>>;
}

/** A stored value together with the version a later compare-and-set must name. */
export interface VersionedValue {
  /** The value as bytes, or `null` when the key is absent. */
  readonly value: Uint8Array | null;
  /** Opaque version; `null` when the key is absent. */
  readonly version: string | null;
}

/**
 * A KV whose backend can compare-and-set atomically. Drivers that cannot do
 * it atomically do not implement it (see {@link supportsCompareAndSet}).
 *
 * @example
 * if (supportsCompareAndSet(env.COUNTERS)) {
 *   const { value, version } = await env.COUNTERS.getVersioned("hits");
 *   await env.COUNTERS.compareAndSet("hits", String(Number(text(value)) + 1), version); // may throw ConflictError
 * }
 */
export interface AtomicKV extends KV {
  readonly capabilities: { readonly compareAndSet: true };
  getVersioned(key: string): Promise<VersionedValue>;
  /**
   * Writes `value` only if the key's version is still `expected` (`null`: only
   * if the key is absent). Resolves with the new version; rejects with a
   * `ConflictError` when another writer got there first.
   */
  compareAndSet(key: string, value: KVValue, expected: string | null, options?: KVPutOptions): Promise<string>;
}

/**
 * Whether a KV offers atomic compare-and-set. A native Cloudflare KV binding does not.
 *
 * @example
 * if (!supportsCompareAndSet(env.TODOS)) throw new Error("this feature needs an atomic store");
 */
export function supportsCompareAndSet(kv: KV): kv is AtomicKV {
  const capabilities = (kv as Partial<AtomicKV>).capabilities;
  return capabilities?.compareAndSet === true && typeof (kv as Partial<AtomicKV>).compareAndSet === "function";
}

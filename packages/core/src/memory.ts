import { ConflictError } from "./errors";
import { hasBindingScheme, registerBindingScheme } from "./runtime/env";
import type { AtomicKV, KVListOptions, KVListResult, KVPutOptions, KVValue, VersionedValue } from "./kv";
import { compareKeys, decodeCursor, decodeKVValue, encodeCursor, encodeKVValue, type KVValueType, resolveExpiration, resolveListLimit, validateKey } from "./kv-codec";
import type { Queue, QueueSendOptions, QueueSendRequest } from "./queue";

interface Entry {
  readonly bytes: Uint8Array;
  readonly metadata: unknown;
  /** Epoch seconds. */
  readonly expiration: number | undefined;
  readonly version: number;
}

/** Options for {@link createMemoryKV}. */
export interface MemoryKVOptions {
  /** The clock, in epoch ms; injectable so tests can expire keys without waiting. */
  now?: () => number;
}

/**
 * An in-process KV, for tests and local development. Atomic by construction,
 * so it offers compare-and-set. Values are copied in and out, as a real store would.
 *
 * @example
 * const app = toAws(myApp, { env: { TODOS: createMemoryKV() } });
 */
export function createMemoryKV(options: MemoryKVOptions = {}): AtomicKV {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let clock = 0;

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiration !== undefined && entry.expiration * 1000 <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  /** Synchronous once the bytes are in hand, so a compare-and-set cannot interleave with another write. */
  const store = (key: string, bytes: Uint8Array, putOptions: KVPutOptions | undefined): number => {
    const expiration = resolveExpiration(putOptions, now());
    const metadata = putOptions?.metadata === undefined ? undefined : structuredClone(putOptions.metadata);
    const version = ++clock;
    entries.set(key, { bytes, metadata, expiration, version });
    return version;
  };

  const kv = {
    capabilities: { compareAndSet: true as const },
    async get(key: string, type?: KVValueType): Promise<unknown> {
      validateKey(key);
      const entry = live(key);
      return entry ? decodeKVValue(entry.bytes, type) : null;
    },
    async getWithMetadata(key: string, type?: KVValueType): Promise<{ value: unknown; metadata: unknown }> {
      validateKey(key);
      const entry = live(key);
      if (!entry) return { value: null, metadata: null };
      return { value: decodeKVValue(entry.bytes, type), metadata: entry.metadata === undefined ? null : structuredClone(entry.metadata) };
    },
    async put(key: string, value: KVValue, putOptions?: KVPutOptions): Promise<void> {
      validateKey(key);
      resolveExpiration(putOptions, now());
      store(key, await encodeKVValue(value), putOptions);
    },
    async delete(key: string): Promise<void> {
      validateKey(key);
      entries.delete(key);
    },
    async list(listOptions: KVListOptions = {}): Promise<KVListResult> {
      const limit = resolveListLimit(listOptions.limit);
      const prefix = listOptions.prefix ?? "";
      const after = listOptions.cursor ? decodeCursor(listOptions.cursor) : undefined;
      const names = [...entries.keys()]
        .filter((name) => name.startsWith(prefix) && (after === undefined || compareKeys(name, after) > 0) && live(name) !== undefined)
        .sort(compareKeys);
      const page = names.slice(0, limit);
      const keys = page.map((name) => {
        const entry = entries.get(name)!;
        const key: { name: string; expiration?: number; metadata?: unknown } = { name };
        if (entry.expiration !== undefined) key.expiration = entry.expiration;
        if (entry.metadata !== undefined) key.metadata = structuredClone(entry.metadata);
        return key;
      });
      const complete = names.length <= limit;
      return complete ? { keys, list_complete: true } : { keys, list_complete: false, cursor: encodeCursor(page[page.length - 1]!) };
    },
    async getVersioned(key: string): Promise<VersionedValue> {
      validateKey(key);
      const entry = live(key);
      return entry ? { value: entry.bytes.slice(), version: String(entry.version) } : { value: null, version: null };
    },
    async compareAndSet(key: string, value: KVValue, expected: string | null, putOptions?: KVPutOptions): Promise<string> {
      validateKey(key);
      resolveExpiration(putOptions, now());
      const bytes = await encodeKVValue(value);
      const current = live(key);
      const currentVersion = current ? String(current.version) : null;
      if (currentVersion !== expected) throw new ConflictError(key);
      return String(store(key, bytes, putOptions));
    },
  };
  return kv as AtomicKV;
}

/** A message held by a {@link MemoryQueue}. */
export interface MemoryQueueMessage<T> {
  readonly id: string;
  readonly body: T;
  /** Epoch ms from which the message may be delivered. */
  readonly visibleAt: number;
  readonly sentAt: number;
}

/** An in-process queue: a producer plus the means to take what was sent. */
export interface MemoryQueue<T = unknown> extends Queue<T> {
  /** Removes and returns up to `max` messages that are due. */
  take(max?: number): MemoryQueueMessage<T>[];
  /** Messages not yet taken, due or not. */
  readonly size: number;
}

/**
 * An in-process queue producer, for tests and local development. Bodies are
 * structured-cloned on send, as a real queue would copy them.
 *
 * @example
 * const jobs = createMemoryQueue<{ id: string }>();
 * await jobs.send({ id: "1" });
 * jobs.take(); // [{ id: "…", body: { id: "1" }, … }]
 */
export function createMemoryQueue<T = unknown>(options: MemoryKVOptions = {}): MemoryQueue<T> {
  const now = options.now ?? Date.now;
  const pending: MemoryQueueMessage<T>[] = [];
  let sequence = 0;
  const enqueue = (body: T, delaySeconds: number | undefined): void => {
    const sentAt = now();
    pending.push({ id: `memory-${++sequence}`, body: structuredClone(body), sentAt, visibleAt: sentAt + Math.max(0, delaySeconds ?? 0) * 1000 });
  };
  return {
    async send(body: T, sendOptions?: QueueSendOptions): Promise<void> {
      enqueue(body, sendOptions?.delaySeconds);
    },
    async sendBatch(messages: Iterable<QueueSendRequest<T>>): Promise<void> {
      for (const message of messages) enqueue(message.body, message.delaySeconds);
    },
    take(max = Number.POSITIVE_INFINITY): MemoryQueueMessage<T>[] {
      const due: MemoryQueueMessage<T>[] = [];
      const time = now();
      for (let index = 0; index < pending.length && due.length < max; ) {
        if (pending[index]!.visibleAt <= time) due.push(...pending.splice(index, 1));
        else index++;
      }
      return due;
    },
    get size() {
      return pending.length;
    },
  };
}

/**
 * Makes `memory:` binding URLs resolvable (the fallback of declared bindings
 * that name no backend on Node). `kv()` and `queue()` call it, rather than
 * core registering it up front, so that the bundle of an app without
 * bindings carries no memory driver; a driver already registered for
 * `memory:` is kept.
 */
export function provideMemoryScheme(): void {
  if (!hasBindingScheme("memory")) registerBindingScheme("memory", (_url, { kind }) => (kind === "kv" ? createMemoryKV() : createMemoryQueue()));
}

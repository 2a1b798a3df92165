/**
 * Redis KV (ioredis): Redis itself, Alibaba Tair / ApsaraDB for Redis and
 * TencentDB for Redis. Each key is a hash (value, metadata, expiry, version)
 * expired by Redis; a sorted set per namespace makes `list` ordered and
 * paginated; writes and compare-and-set are Lua scripts over keys that share
 * one hash tag, so they are atomic and cluster-safe.
 *
 * @module
 */
import { type AtomicKV, ConfigurationError, ConflictError, type KVListOptions, type KVListResult, type KVPutOptions, type KVValue, type VersionedValue } from "@faasport/core";
import { decodeCursor, decodeKVValue, encodeCursor, encodeKVValue, type KVValueType, resolveExpiration, resolveListLimit, validateKey } from "@faasport/core/runtime";
import type * as IoRedis from "ioredis";
import { prefixEnd } from "./_sqlite";
import { checkSize, intParam, isConnectionError, loadPeer, providerError } from "./_utils";

/** The driver's name, in errors and URLs (`redis://`, `rediss://`). */
export const REDIS_DRIVER = "redis";

/** The part of an ioredis client the driver uses; pass your own to share a connection. */
export interface RedisClient {
  hmgetBuffer(key: string, ...fields: string[]): Promise<(Uint8Array | null)[]>;
  hmget(key: string, ...fields: string[]): Promise<(string | null)[]>;
  zrangebylex(key: string, min: string, max: string, limit: "LIMIT", offset: number, count: number): Promise<string[]>;
  zrem(key: string, ...members: string[]): Promise<number>;
  evalsha(sha: string, keys: number, ...args: (string | Uint8Array)[]): Promise<unknown>;
  eval(script: string, keys: number, ...args: (string | Uint8Array)[]): Promise<unknown>;
  quit(): Promise<unknown>;
}

/** Options for {@link createRedisKV}. */
export interface RedisKVOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. Ignored when `client` is given. */
  readonly url?: string;
  /** An ioredis client to use instead of connecting to `url`. */
  readonly client?: RedisClient;
  /** Keys live under `{namespace}:` so several bindings share one database. Default `"default"` (from a URL: the binding's name). */
  readonly namespace?: string;
  /** Largest value accepted. Default 512 MiB, Redis's string limit (`proto-max-bulk-len`); lower it when the server's is lower. */
  readonly maxValueBytes?: number;
}

/** A Redis KV: an {@link AtomicKV} that can be closed. */
export interface RedisKV extends AtomicKV {
  /** Closes the connection the driver opened (not a client that was given). */
  close(): Promise<void>;
}

// KEYS: item, index, sequence. ARGV: mode ("put" or "cas"), expected version ("" = absent), name, value, metadata ("" = none), expiration in s ("" = none).
const writeScript = `
if ARGV[1] == "cas" then
  local current = redis.call("HGET", KEYS[1], "ver")
  if (ARGV[2] == "" and current) or (ARGV[2] ~= "" and current ~= ARGV[2]) then return false end
end
local version = tostring(redis.call("INCR", KEYS[3]))
redis.call("DEL", KEYS[1])
redis.call("HSET", KEYS[1], "v", ARGV[4], "ver", version)
if ARGV[5] ~= "" then redis.call("HSET", KEYS[1], "m", ARGV[5]) end
if ARGV[6] ~= "" then
  redis.call("HSET", KEYS[1], "e", ARGV[6])
  redis.call("PEXPIREAT", KEYS[1], tonumber(ARGV[6]) * 1000)
end
redis.call("ZADD", KEYS[2], 0, ARGV[3])
return version`;
// KEYS: item, index. ARGV: name.
const deleteScript = `redis.call("DEL", KEYS[1]) redis.call("ZREM", KEYS[2], ARGV[1]) return 1`;
const retryableReplies = /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY)\b/;

/**
 * Creates a Redis KV. The client (ioredis, an optional peer dependency) loads on first use.
 *
 * @example
 * const kv = createRedisKV({ url: "redis://r-bp1.redis.rds.aliyuncs.com:6379/0", namespace: "todos" });
 */
export function createRedisKV(options: RedisKVOptions): RedisKV {
  const namespace = options.namespace ?? "default";
  if (/[{}]/.test(namespace)) throw new ConfigurationError(`[redis] namespace ${JSON.stringify(namespace)} must not contain braces`);
  const maxValueBytes = options.maxValueBytes ?? 512 * 1024 * 1024;
  // One hash tag for all keys of a namespace: multi-key scripts stay in one cluster slot.
  const item = (key: string): string => `{${namespace}}:k:${key}`;
  const index = `{${namespace}}:index`;
  const sequence = `{${namespace}}:seq`;
  let connecting: Promise<RedisClient> | undefined;
  const client = (): Promise<RedisClient> => (connecting ??= options.client ? Promise.resolve(options.client) : connect(options.url));
  const shas = new Map<string, string>();

  const call = async <T>(action: string, work: (redis: RedisClient) => Promise<T>): Promise<T> => {
    const redis = await client();
    try {
      return await work(redis);
    } catch (cause) {
      const reply = cause instanceof Error && cause.name === "ReplyError" ? cause.message : "";
      throw providerError(REDIS_DRIVER, action, cause, isConnectionError(cause) || retryableReplies.test(reply));
    }
  };
  const script = async (redis: RedisClient, source: string, keys: string[], args: (string | Uint8Array)[]): Promise<unknown> => {
    const sha = shas.get(source) ?? (await sha1(source));
    shas.set(source, sha);
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
  const read = (key: string) =>
    call("get", async (redis) => {
      const [value, metadata, version] = await redis.hmgetBuffer(item(key), "v", "m", "ver");
      return value && version
        ? { value, metadata: metadata ? (JSON.parse(new TextDecoder().decode(metadata)) as unknown) : null, version: new TextDecoder().decode(version) }
        : undefined;
    });
  const write = async (mode: "put" | "cas", key: string, value: KVValue, expected: string | null, putOptions: KVPutOptions | undefined): Promise<string | null> => {
    validateKey(key);
    const expiration = resolveExpiration(putOptions, Date.now());
    const bytes = await encodeKVValue(value);
    checkSize(REDIS_DRIVER, "a value", bytes.byteLength, maxValueBytes, "Redis strings, proto-max-bulk-len");
    const metadata = putOptions?.metadata === undefined ? "" : JSON.stringify(putOptions.metadata);
    // ioredis sends a Buffer as raw bytes but turns any other object into text.
    const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const args = [mode, expected ?? "", key, raw, metadata, expiration === undefined ? "" : String(expiration)];
    return call(mode === "cas" ? "compareAndSet" : "put", async (redis) => (await script(redis, writeScript, [item(key), index, sequence], args)) as string | null);
  };

  const kv = {
    capabilities: { compareAndSet: true as const },
    async get(key: string, type?: KVValueType): Promise<unknown> {
      validateKey(key);
      const entry = await read(key);
      return entry ? decodeKVValue(entry.value, type) : null;
    },
    async getWithMetadata(key: string, type?: KVValueType): Promise<{ value: unknown; metadata: unknown }> {
      validateKey(key);
      const entry = await read(key);
      return entry ? { value: decodeKVValue(entry.value, type), metadata: entry.metadata } : { value: null, metadata: null };
    },
    async put(key: string, value: KVValue, putOptions?: KVPutOptions): Promise<void> {
      await write("put", key, value, null, putOptions);
    },
    async delete(key: string): Promise<void> {
      validateKey(key);
      await call("delete", (redis) => script(redis, deleteScript, [item(key), index], [key]));
    },
    async list(listOptions: KVListOptions = {}): Promise<KVListResult> {
      const limit = resolveListLimit(listOptions.limit);
      const prefix = listOptions.prefix ?? "";
      const end = prefixEnd(prefix);
      let min = listOptions.cursor ? `(${decodeCursor(listOptions.cursor)}` : prefix ? `[${prefix}` : "-";
      const max = prefix && end !== undefined ? `(${end}` : "+";
      const found: { name: string; expiration?: number; metadata?: unknown }[] = [];
      return call("list", async (redis) => {
        // One more than asked, to tell a last page from a full one; expired members are skipped and removed.
        while (found.length <= limit) {
          const names = await redis.zrangebylex(index, min, max, "LIMIT", 0, limit + 1 - found.length);
          if (names.length === 0) break;
          const fields = await Promise.all(names.map((name) => redis.hmget(item(name), "m", "e", "ver")));
          const stale = names.filter((_, position) => fields[position]![2] === null);
          if (stale.length > 0) await redis.zrem(index, ...stale);
          names.forEach((name, position) => {
            const [metadata, expiration, version] = fields[position]!;
            if (version !== null)
              found.push({ name, ...(expiration ? { expiration: Number(expiration) } : {}), ...(metadata ? { metadata: JSON.parse(metadata) as unknown } : {}) });
          });
          min = `(${names[names.length - 1]}`;
        }
        const keys = found.slice(0, limit);
        return found.length > limit ? { keys, list_complete: false, cursor: encodeCursor(keys[keys.length - 1]!.name) } : { keys, list_complete: true };
      });
    },
    async getVersioned(key: string): Promise<VersionedValue> {
      validateKey(key);
      const entry = await read(key);
      return entry ? { value: new Uint8Array(entry.value), version: entry.version } : { value: null, version: null };
    },
    async compareAndSet(key: string, value: KVValue, expected: string | null, putOptions?: KVPutOptions): Promise<string> {
      const version = await write("cas", key, value, expected, putOptions);
      if (version === null) throw new ConflictError(key);
      return version;
    },
    async close(): Promise<void> {
      if (!options.client && connecting) await (await connecting.catch(() => undefined))?.quit();
    },
  };
  return kv as RedisKV;
}

async function connect(url: string | undefined): Promise<RedisClient> {
  if (!url) throw new ConfigurationError("[redis] give a url (redis://host:6379) or a client");
  const { Redis } = await loadPeer<typeof IoRedis>(REDIS_DRIVER, "ioredis");
  // Fail a command after one reconnection attempt rather than queueing it for ever: a serverless invocation has a deadline.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  // Errors reach the caller through the failed command; the event would otherwise print "Unhandled error event".
  redis.on("error", () => {});
  return redis;
}

async function sha1(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Builds the driver from `redis://…` or `rediss://…` (`?namespace=…&maxValueBytes=…`); the namespace defaults to the binding's name.
 *
 * @example
 * const kv = redisKVFromUrl(new URL("rediss://:secret@r-bp1.redis.rds.aliyuncs.com:6380/0"), "TODOS");
 */
export function redisKVFromUrl(url: URL, name: string | undefined): RedisKV {
  const namespace = url.searchParams.get("namespace") ?? name ?? "default";
  const maxValueBytes = intParam(url, "maxValueBytes", 512 * 1024 * 1024);
  const connection = new URL(url.href);
  for (const own of ["namespace", "maxValueBytes"]) connection.searchParams.delete(own);
  return createRedisKV({ url: connection.href, namespace, maxValueBytes });
}

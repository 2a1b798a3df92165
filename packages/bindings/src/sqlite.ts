/**
 * SQLite KV (better-sqlite3): the embedded default for local development.
 * One file holds any number of namespaces (one per binding); expiry is
 * enforced on read; compare-and-set runs in an immediate transaction, so it
 * holds across processes sharing the file.
 *
 * @module
 */
import { type AtomicKV, ConflictError, type KVListOptions, type KVListResult, type KVPutOptions, type KVValue, type VersionedValue } from "@faasport/core";
import { decodeCursor, decodeKVValue, encodeCursor, encodeKVValue, type KVValueType, resolveExpiration, resolveListLimit, validateKey } from "@faasport/core/runtime";
import { acquireDatabase, prefixEnd, type SqliteDatabase, sqliteError, sqlitePath } from "./_sqlite";
import { checkSize, intParam } from "./_utils";

export type { SqliteDatabase, SqliteStatement } from "./_sqlite";

/** The driver's name, in errors and URLs (`sqlite:`). */
export const SQLITE_DRIVER = "sqlite";

/** Options for {@link createSqliteKV}. */
export interface SqliteKVOptions {
  /** The database file; created with its directory. `:memory:` for a private in-memory database. */
  readonly path: string;
  /** Keys live in this namespace, so bindings can share one file. Default `"default"` (from a URL: the binding's name). */
  readonly namespace?: string;
  /** Largest value accepted. Default 25 MiB, Cloudflare KV's limit, so what works here works there; SQLite itself allows up to 1 GB (SQLITE_MAX_LENGTH). */
  readonly maxValueBytes?: number;
  /** The clock, epoch ms; injectable so tests expire keys without waiting. */
  readonly now?: () => number;
  /** A better-sqlite3 database to use instead of opening `path`. */
  readonly database?: SqliteDatabase;
}

/** A SQLite KV: an {@link AtomicKV} that can be closed. */
export interface SqliteKV extends AtomicKV {
  /** Closes the file once no other binding uses it. */
  close(): Promise<void>;
}

const defaultMaxValueBytes = 25 * 1024 * 1024;
const live = "(expiration IS NULL OR expiration * 1000 > ?)";

interface Row {
  readonly value: Uint8Array;
  readonly metadata: string | null;
  readonly expiration: number | null;
  readonly version: string;
}

/**
 * Creates a SQLite KV.
 *
 * @example
 * const kv = createSqliteKV({ path: ".faasport/dev.db", namespace: "TODOS" });
 * await kv.put("todo:1", JSON.stringify({ title: "milk" }));
 */
export function createSqliteKV(options: SqliteKVOptions): SqliteKV {
  const namespace = options.namespace ?? "default";
  const now = options.now ?? Date.now;
  const maxValueBytes = options.maxValueBytes ?? defaultMaxValueBytes;
  const handle = options.database ? { database: Promise.resolve(options.database), release: async () => {} } : acquireDatabase(SQLITE_DRIVER, options.path);
  let ready: Promise<SqliteDatabase> | undefined;
  const db = (): Promise<SqliteDatabase> =>
    (ready ??= handle.database.then((database) => {
      database.exec(
        "CREATE TABLE IF NOT EXISTS faasport_kv (namespace TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, metadata TEXT, expiration INTEGER, version TEXT NOT NULL, PRIMARY KEY (namespace, key)) WITHOUT ROWID",
      );
      return database;
    }));
  const run = async <T>(action: string, work: (database: SqliteDatabase) => T): Promise<T> => {
    const database = await db();
    try {
      return work(database);
    } catch (cause) {
      throw cause instanceof ConflictError ? cause : sqliteError(SQLITE_DRIVER, action, cause);
    }
  };
  const read = (database: SqliteDatabase, key: string): Row | undefined =>
    database.prepare(`SELECT value, metadata, expiration, version FROM faasport_kv WHERE namespace = ? AND key = ? AND ${live}`).get(namespace, key, now()) as Row | undefined;
  const prepare = async (key: string, value: KVValue, putOptions: KVPutOptions | undefined) => {
    validateKey(key);
    const expiration = resolveExpiration(putOptions, now()) ?? null;
    const bytes = await encodeKVValue(value);
    checkSize(SQLITE_DRIVER, "a value", bytes.byteLength, maxValueBytes, "the driver's maxValueBytes");
    const metadata = putOptions?.metadata === undefined ? null : JSON.stringify(putOptions.metadata);
    return [namespace, key, bytes, metadata, expiration] as const;
  };
  const write = (database: SqliteDatabase, row: readonly unknown[]): string => {
    const version = crypto.randomUUID();
    database.prepare("INSERT OR REPLACE INTO faasport_kv (namespace, key, value, metadata, expiration, version) VALUES (?, ?, ?, ?, ?, ?)").run(...row, version);
    return version;
  };

  const kv = {
    capabilities: { compareAndSet: true as const },
    async get(key: string, type?: KVValueType): Promise<unknown> {
      validateKey(key);
      const row = await run("get", (database) => read(database, key));
      return row ? decodeKVValue(row.value, type) : null;
    },
    async getWithMetadata(key: string, type?: KVValueType): Promise<{ value: unknown; metadata: unknown }> {
      validateKey(key);
      const row = await run("get", (database) => read(database, key));
      return row ? { value: decodeKVValue(row.value, type), metadata: row.metadata === null ? null : JSON.parse(row.metadata) } : { value: null, metadata: null };
    },
    async put(key: string, value: KVValue, putOptions?: KVPutOptions): Promise<void> {
      const row = await prepare(key, value, putOptions);
      await run("put", (database) => write(database, row));
    },
    async delete(key: string): Promise<void> {
      validateKey(key);
      await run("delete", (database) => database.prepare("DELETE FROM faasport_kv WHERE namespace = ? AND key = ?").run(namespace, key));
    },
    async list(listOptions: KVListOptions = {}): Promise<KVListResult> {
      const limit = resolveListLimit(listOptions.limit);
      const prefix = listOptions.prefix ?? "";
      const after = listOptions.cursor ? decodeCursor(listOptions.cursor) : undefined;
      const end = prefixEnd(prefix);
      const rows = await run("list", (database) => {
        database.prepare(`DELETE FROM faasport_kv WHERE namespace = ? AND NOT ${live}`).run(namespace, now());
        const sql = `SELECT key, metadata, expiration FROM faasport_kv WHERE namespace = ? AND key >= ?${end === undefined ? "" : " AND key < ?"}${after === undefined ? "" : " AND key > ?"} ORDER BY key LIMIT ?`;
        const params = [namespace, prefix, ...(end === undefined ? [] : [end]), ...(after === undefined ? [] : [after]), limit + 1];
        return database.prepare(sql).all(...params) as { key: string; metadata: string | null; expiration: number | null }[];
      });
      const page = rows.slice(0, limit).map((row) => ({
        name: row.key,
        ...(row.expiration === null ? {} : { expiration: row.expiration }),
        ...(row.metadata === null ? {} : { metadata: JSON.parse(row.metadata) as unknown }),
      }));
      return rows.length > limit ? { keys: page, list_complete: false, cursor: encodeCursor(page[page.length - 1]!.name) } : { keys: page, list_complete: true };
    },
    async getVersioned(key: string): Promise<VersionedValue> {
      validateKey(key);
      const row = await run("get", (database) => read(database, key));
      return row ? { value: new Uint8Array(row.value), version: row.version } : { value: null, version: null };
    },
    async compareAndSet(key: string, value: KVValue, expected: string | null, putOptions?: KVPutOptions): Promise<string> {
      const row = await prepare(key, value, putOptions);
      return run("compareAndSet", (database) =>
        database
          .transaction(() => {
            if ((read(database, key)?.version ?? null) !== expected) throw new ConflictError(key);
            return write(database, row);
          })
          .immediate(),
      );
    },
    close: () => handle.release(),
  };
  return kv as SqliteKV;
}

/**
 * Builds the driver from `sqlite:<path>[?namespace=…&maxValueBytes=…]`; the namespace defaults to the binding's name.
 *
 * @example
 * const kv = sqliteKVFromUrl(new URL("sqlite:.faasport/dev.db"), "TODOS");
 */
export function sqliteKVFromUrl(url: URL, name: string | undefined): SqliteKV {
  return createSqliteKV({
    path: sqlitePath(url),
    namespace: url.searchParams.get("namespace") ?? name ?? "default",
    maxValueBytes: intParam(url, "maxValueBytes", defaultMaxValueBytes),
  });
}

import { ProviderError } from "@faasport/core";
import type BetterSqlite3 from "better-sqlite3";
import type * as Fs from "node:fs";
import type * as Path from "node:path";
import { loadPeer } from "./_utils";

/** A prepared statement, as better-sqlite3 has it. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** The part of a better-sqlite3 `Database` the SQLite drivers use; pass your own to share a connection. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(source: string): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { immediate(...args: A): R };
  close(): unknown;
  readonly open: boolean;
  readonly memory: boolean;
}

interface Shared {
  readonly database: Promise<SqliteDatabase>;
  users: number;
}

// One connection per file and process, shared by the KV and queue bindings that name it.
const opened = new Map<string, Shared>();

/** Opens (or reuses) the database at `path`, creating its directory; WAL, and a busy timeout for other processes. */
export function acquireDatabase(driver: string, path: string): { database: Promise<SqliteDatabase>; release(): Promise<void> } {
  let shared = path === ":memory:" ? undefined : opened.get(path);
  if (!shared) {
    shared = { database: open(driver, path), users: 0 };
    // A failed open must not be cached, or one bad first attempt breaks the binding for good.
    shared.database.catch(() => opened.delete(path));
    if (path !== ":memory:") opened.set(path, shared);
  }
  const entry = shared;
  entry.users++;
  let released = false;
  return {
    database: entry.database,
    release: async () => {
      if (released) return;
      released = true;
      if (--entry.users > 0) return;
      if (opened.get(path) === entry) opened.delete(path);
      const database = await entry.database.catch(() => undefined);
      if (database?.open) database.close();
    },
  };
}

async function open(driver: string, path: string): Promise<SqliteDatabase> {
  const { default: Database } = await loadPeer<{ default: typeof BetterSqlite3 }>(driver, "better-sqlite3");
  if (path !== ":memory:") {
    const [fs, paths] = await Promise.all([loadPeer<typeof Fs>(driver, "node:fs"), loadPeer<typeof Path>(driver, "node:path")]);
    fs.mkdirSync(paths.dirname(path), { recursive: true });
  }
  try {
    const database = new Database(path) as unknown as SqliteDatabase;
    if (path !== ":memory:") database.pragma("journal_mode = WAL");
    database.pragma("busy_timeout = 5000");
    return database;
  } catch (cause) {
    throw sqliteError(driver, "open", cause);
  }
}

/** SQLite's own failures: a busy or locked database may succeed later; anything else will not. */
export function sqliteError(driver: string, action: string, cause: unknown): ProviderError {
  const code = (cause as { code?: unknown })?.code;
  const retryable = code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" || (typeof code === "string" && code.startsWith("SQLITE_BUSY"));
  return new ProviderError(driver, `${action} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { retryable, cause });
}

/** The path a `sqlite:` URL names: `sqlite:.faasport/dev.db`, `sqlite:///abs/path.db`, `sqlite::memory:`. */
export function sqlitePath(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  if (path === "") throw new Error(`${url.href} names no database file: use sqlite:.faasport/dev.db or sqlite::memory:`);
  return path;
}

/** The smallest string above every string that starts with `prefix` (in UTF-8 order), or `undefined` when there is none. */
export function prefixEnd(prefix: string): string | undefined {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) return points.join("") + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
  }
  return undefined;
}

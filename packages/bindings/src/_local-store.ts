import { acquireDatabase, type SqliteDatabase, sqliteError } from "./_sqlite";

/** A message waiting in a local queue. `attempts` counts deliveries, this one included once leased. */
export interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly attempts: number;
  readonly sentAt: number;
}

/** Where a local queue keeps its messages: in memory, or in a SQLite file shared by processes. */
export interface LocalStore {
  add(queue: string, messages: readonly { id: string; body: string; sentAt: number; visibleAt: number }[]): Promise<void>;
  /** Takes up to `max` due messages and hides them until `leaseUntil` (redelivered then if never settled). */
  lease(queue: string, max: number, now: number, leaseUntil: number): Promise<StoredMessage[]>;
  ack(queue: string, ids: readonly string[]): Promise<void>;
  retry(queue: string, id: string, visibleAt: number): Promise<void>;
  /** Keeps a message that ran out of retries aside, for inspection. */
  bury(queue: string, id: string): Promise<void>;
  /** When the next waiting message becomes due, if any. */
  nextDue(queue: string): Promise<number | undefined>;
  buried(queue: string): Promise<StoredMessage[]>;
  close(): Promise<void>;
}

interface Held extends StoredMessage {
  visibleAt: number;
  dead: boolean;
}

/** Messages in this process only; lost when it exits. */
export function memoryStore(): LocalStore {
  const held: Held[] = [];
  const find = (id: string): Held | undefined => held.find((message) => message.id === id);
  return {
    add: async (_queue, messages) => void held.push(...messages.map((message) => ({ ...message, attempts: 0, dead: false }))),
    lease: async (_queue, max, now, leaseUntil) => {
      const due = held.filter((message) => !message.dead && message.visibleAt <= now).slice(0, max);
      return due.map((message) => {
        message.visibleAt = leaseUntil;
        (message as { attempts: number }).attempts++;
        return { id: message.id, body: message.body, attempts: message.attempts, sentAt: message.sentAt };
      });
    },
    ack: async (_queue, ids) => {
      for (const id of ids) {
        const index = held.findIndex((message) => message.id === id);
        if (index >= 0) held.splice(index, 1);
      }
    },
    retry: async (_queue, id, visibleAt) => {
      const message = find(id);
      if (message) message.visibleAt = visibleAt;
    },
    bury: async (_queue, id) => {
      const message = find(id);
      if (message) message.dead = true;
    },
    nextDue: async () =>
      held.reduce<number | undefined>((next, message) => (message.dead || (next !== undefined && next <= message.visibleAt) ? next : message.visibleAt), undefined),
    buried: async () => held.filter((message) => message.dead).map(({ id, body, attempts, sentAt }) => ({ id, body, attempts, sentAt })),
    close: async () => {},
  };
}

interface Row {
  readonly id: string;
  readonly body: string;
  readonly attempts: number;
  readonly sent_at: number;
}

/** Messages in a SQLite file: they survive restarts, and several processes can share the queue (leases are transactional). */
export function sqliteStore(driver: string, path: string, given?: SqliteDatabase): LocalStore {
  const handle = given ? { database: Promise.resolve(given), release: async () => {} } : acquireDatabase(driver, path);
  let ready: Promise<SqliteDatabase> | undefined;
  const run = async <T>(action: string, work: (database: SqliteDatabase) => T): Promise<T> => {
    ready ??= handle.database.then((database) => {
      database.exec(
        "CREATE TABLE IF NOT EXISTS faasport_queue (id TEXT PRIMARY KEY, queue TEXT NOT NULL, body TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, dead INTEGER NOT NULL DEFAULT 0);" +
          "CREATE INDEX IF NOT EXISTS faasport_queue_due ON faasport_queue (queue, dead, visible_at)",
      );
      return database;
    });
    const database = await ready;
    try {
      return work(database);
    } catch (cause) {
      throw sqliteError(driver, action, cause);
    }
  };
  const toMessage = (row: Row): StoredMessage => ({ id: row.id, body: row.body, attempts: row.attempts, sentAt: row.sent_at });
  return {
    add: (queue, messages) =>
      run("send", (database) => {
        const insert = database.prepare("INSERT INTO faasport_queue (id, queue, body, sent_at, visible_at) VALUES (?, ?, ?, ?, ?)");
        database.transaction(() => messages.forEach((message) => insert.run(message.id, queue, message.body, message.sentAt, message.visibleAt))).immediate();
      }),
    lease: (queue, max, now, leaseUntil) =>
      run("receive", (database) =>
        database
          .transaction(() => {
            const rows = database
              .prepare("SELECT id FROM faasport_queue WHERE queue = ? AND dead = 0 AND visible_at <= ? ORDER BY visible_at, rowid LIMIT ?")
              .all(queue, now, max) as { id: string }[];
            const update = database.prepare("UPDATE faasport_queue SET visible_at = ?, attempts = attempts + 1 WHERE id = ? RETURNING id, body, attempts, sent_at");
            return rows.map((row) => toMessage(update.get(leaseUntil, row.id) as Row));
          })
          .immediate(),
      ),
    ack: (queue, ids) =>
      run("ack", (database) => {
        const remove = database.prepare("DELETE FROM faasport_queue WHERE queue = ? AND id = ?");
        database.transaction(() => ids.forEach((id) => remove.run(queue, id))).immediate();
      }),
    retry: (queue, id, visibleAt) =>
      run("retry", (database) => void database.prepare("UPDATE faasport_queue SET visible_at = ? WHERE queue = ? AND id = ?").run(visibleAt, queue, id)),
    bury: (queue, id) => run("retry", (database) => void database.prepare("UPDATE faasport_queue SET dead = 1 WHERE queue = ? AND id = ?").run(queue, id)),
    nextDue: (queue) =>
      run("receive", (database) => {
        const row = database.prepare("SELECT MIN(visible_at) AS next FROM faasport_queue WHERE queue = ? AND dead = 0").get(queue) as { next: number | null };
        return row.next ?? undefined;
      }),
    buried: (queue) =>
      run("receive", (database) =>
        (database.prepare("SELECT id, body, attempts, sent_at FROM faasport_queue WHERE queue = ? AND dead = 1 ORDER BY rowid").all(queue) as Row[]).map(toMessage),
      ),
    close: () => handle.release(),
  };
}

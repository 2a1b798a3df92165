/**
 * The local queue: delivers to the app's own `queue` handler, as a cloud
 * queue triggers a function, with the same rules (first decision per
 * message wins; unsettled messages acked on return, retried on a throw;
 * retries up to `maxRetries`, then kept aside as dead letters). In memory
 * (`local:`), or in a SQLite file (`sqlite:` for a queue binding) so
 * messages survive restarts. The Node adapter attaches the consumer.
 *
 * @module
 */
import type { Queue, QueueSendOptions, QueueSendRequest } from "@faasport/core";
import { decodeMessageBody, type LocalConsumer, type LocalQueueBinding, type QueueMessageInit } from "@faasport/core/runtime";
import { type LocalStore, memoryStore, sqliteStore, type StoredMessage } from "./_local-store";
import type { SqliteDatabase } from "./_sqlite";
import { sqlitePath } from "./_sqlite";
import { encodeMessages, intParam } from "./_utils";

/** The driver's name, in errors and URLs (`local:`). */
export const LOCAL_DRIVER = "local";

/** Options for {@link createLocalQueue}. */
export interface LocalQueueOptions {
  /** The queue's name, as the handler sees it in `batch.queue`. Default `"default"` (from a URL: the binding's name). */
  readonly name?: string;
  /** A SQLite file to keep messages in; absent, they live in this process only. */
  readonly path?: string;
  /** A better-sqlite3 database to keep messages in, instead of opening `path`. */
  readonly database?: SqliteDatabase;
  /** Messages per batch. Default 10. */
  readonly maxBatchSize?: number;
  /** Redeliveries after the first attempt before a message becomes a dead letter. Default 3, as on Cloudflare Queues. */
  readonly maxRetries?: number;
  /** Delay before a retried message comes back, when `retry()` names none. Default 0. */
  readonly retryDelaySeconds?: number;
  /** How often to look for messages sent by other processes (SQLite only). Default 500 ms. */
  readonly pollMs?: number;
  /** Called for a message that ran out of retries. Default: a warning on stderr. */
  readonly onDeadLetter?: (message: QueueMessageInit) => void;
  /** The clock, epoch ms. */
  readonly now?: () => number;
}

/** A local queue: a producer the Node adapter connects to the app's queue handler. */
export interface LocalQueue<T = unknown> extends Queue<T>, LocalQueueBinding {
  /** Messages that ran out of retries, oldest first. */
  deadLetters(): Promise<QueueMessageInit[]>;
  /** Stops delivering and releases the file. */
  close(): Promise<void>;
}

// Cloudflare Queues' ceiling for a delay (24 h); a local queue keeps the same rule so what works here works there.
const maxDelaySeconds = 86_400;
// A batch whose handler hangs this long is delivered again, as a visibility timeout would.
const leaseMs = 5 * 60_000;

/**
 * Creates a local queue.
 *
 * @example
 * const jobs = createLocalQueue<{ id: string }>({ name: "jobs", path: ".faasport/dev.db" });
 * await serve(app, { env: { JOBS: jobs } }); // the app's queue handler now receives what is sent
 */
export function createLocalQueue<T = unknown>(options: LocalQueueOptions = {}): LocalQueue<T> {
  const name = options.name ?? "default";
  const now = options.now ?? Date.now;
  const maxBatchSize = Math.max(1, options.maxBatchSize ?? 10);
  const maxRetries = options.maxRetries ?? 3;
  const shared = options.path !== undefined || options.database !== undefined;
  const store: LocalStore = shared ? sqliteStore(LOCAL_DRIVER, options.path ?? ":memory:", options.database) : memoryStore();
  const onDeadLetter =
    options.onDeadLetter ??
    ((message: QueueMessageInit) => console.warn(`[faasport] [local] message ${message.id} on queue ${name} failed ${message.attempts} times; kept as a dead letter`));
  let consumer: LocalConsumer | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pumping: Promise<void> | undefined;
  let again = false;

  const toInit = (message: StoredMessage): QueueMessageInit => ({
    id: message.id,
    body: decodeMessageBody(message.body),
    attempts: message.attempts,
    timestamp: new Date(message.sentAt),
  });
  const deliver = async (active: LocalConsumer): Promise<void> => {
    for (;;) {
      const batch = await store.lease(name, maxBatchSize, now(), now() + leaseMs);
      if (batch.length === 0) return;
      const inits = batch.map(toInit);
      const result = await active(name, inits).catch(() => undefined);
      const outcomes = result?.outcomes ?? inits.map((init) => ({ id: init.id, action: "retry" as const, delaySeconds: undefined }));
      await store.ack(
        name,
        outcomes.filter((outcome) => outcome.action === "ack").map((outcome) => outcome.id),
      );
      for (const [index, outcome] of outcomes.entries()) {
        if (outcome.action !== "retry") continue;
        if (batch[index]!.attempts > maxRetries) {
          await store.bury(name, outcome.id);
          onDeadLetter(inits[index]!);
        } else await store.retry(name, outcome.id, now() + (outcome.delaySeconds ?? options.retryDelaySeconds ?? 0) * 1000);
      }
    }
  };
  const schedule = async (): Promise<void> => {
    if (!consumer) return;
    const next = await store.nextDue(name);
    const wait = next === undefined ? undefined : Math.max(0, next - now());
    const delay = shared ? Math.min(wait ?? Number.POSITIVE_INFINITY, options.pollMs ?? 500) : wait;
    if (delay === undefined || !consumer) return;
    clearTimeout(timer);
    timer = setTimeout(wake, delay);
    // Waiting messages must not keep a process alive on their own; a serving adapter does that.
    (timer as { unref?: () => void }).unref?.();
  };
  const pump = async (active: LocalConsumer): Promise<void> => {
    do {
      again = false;
      await deliver(active).catch((error: unknown) => console.error("[faasport] [local] delivery failed", error));
    } while (again && consumer === active);
    pumping = undefined;
    await schedule().catch((error: unknown) => console.error("[faasport] [local] delivery failed", error));
  };
  function wake(): void {
    if (!consumer) return;
    if (pumping) again = true;
    else pumping = pump(consumer);
  }

  const enqueue = async (messages: Iterable<QueueSendRequest<T>>): Promise<void> => {
    const encoded = encodeMessages(LOCAL_DRIVER, messages, { maxDelaySeconds, maxMessageBytes: Number.POSITIVE_INFINITY, source: "none" });
    const sentAt = now();
    await store.add(
      name,
      encoded.map((message) => ({ id: crypto.randomUUID(), body: message.text, sentAt, visibleAt: sentAt + message.delaySeconds * 1000 })),
    );
    if (consumer) setTimeout(wake, 0);
  };

  return {
    send: async (body: T, sendOptions?: QueueSendOptions) => enqueue([{ body, ...(sendOptions?.delaySeconds === undefined ? {} : { delaySeconds: sendOptions.delaySeconds }) }]),
    sendBatch: async (messages: Iterable<QueueSendRequest<T>>) => enqueue(messages),
    attachConsumer(attached: LocalConsumer): () => void {
      consumer = attached;
      wake();
      return () => {
        if (consumer === attached) consumer = undefined;
        clearTimeout(timer);
      };
    },
    deadLetters: async () => (await store.buried(name)).map(toInit),
    close: async () => {
      consumer = undefined;
      clearTimeout(timer);
      await pumping;
      await store.close();
    },
  };
}

/**
 * `local:[?name=…&maxBatchSize=…&maxRetries=…&retryDelaySeconds=…]`: a queue in this process.
 *
 * @example
 * const jobs = localQueueFromUrl(new URL("local:?maxRetries=5"), "JOBS");
 */
export function localQueueFromUrl(url: URL, name: string | undefined): LocalQueue {
  return createLocalQueue(urlOptions(url, name));
}

/**
 * `sqlite:<path>[?name=…]` for a queue binding: a local queue kept in a SQLite file.
 *
 * @example
 * const jobs = sqliteQueueFromUrl(new URL("sqlite:.faasport/dev.db"), "JOBS");
 */
export function sqliteQueueFromUrl(url: URL, name: string | undefined): LocalQueue {
  return createLocalQueue({ ...urlOptions(url, name), path: sqlitePath(url) });
}

function urlOptions(url: URL, name: string | undefined): LocalQueueOptions {
  return {
    name: url.searchParams.get("name") ?? name ?? "default",
    maxBatchSize: intParam(url, "maxBatchSize", 10),
    maxRetries: intParam(url, "maxRetries", 3),
    retryDelaySeconds: intParam(url, "retryDelaySeconds", 0),
  };
}

import type { LogSink } from "@faasport/core";

/** Options for {@link toCloudflare}. */
export interface CloudflareOptions {
  /**
   * Queues that carry R2 event notifications. Their batches go to the app's
   * `storage` handler, one `StorageEvent` per message, each message acked
   * when its event is handled and retried when the handler throws. Batches of
   * other queues go to `queue` as usual.
   */
  readonly storageQueues?: readonly string[];
  /**
   * Names for the Worker's Cron Triggers, as `{ name: cron }`. Workers tell a
   * scheduled run only by the cron expression that fired, so without a name
   * here an event is named by its cron. Two names may not share a cron.
   */
  readonly schedules?: Readonly<Record<string, string>>;
  /** Where log records go; one JSON line each on the console by default (Workers Logs and `wrangler tail` read it). */
  readonly log?: LogSink;
}

/**
 * Runs a faasport app as a Cloudflare module Worker: HTTP, Queues, Cron
 * Triggers, and R2 event notifications delivered through a queue.
 *
 * @module
 */
export type { CloudflareOptions } from "./options";
export { isR2EventNotification, r2NotificationToStorageEvent } from "./r2";
export type * from "./types";
export { toCloudflare } from "./worker";

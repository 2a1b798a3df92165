import type { ScheduledEvent, StorageEvent } from "./events";
import type { QueueMessage } from "./queue-batch";

/** A CloudEvents 1.0 event in its structured JSON form (CNCF spec, required and common optional attributes). */
export interface CloudEvent<D = unknown> {
  readonly specversion: "1.0";
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly time?: string;
  readonly subject?: string;
  readonly datacontenttype?: string;
  readonly data?: D;
  /** Extension attributes: lower-case alphanumeric names, string values. */
  readonly [extension: string]: unknown;
}

/** Overrides for {@link toCloudEvent}. */
export interface CloudEventOptions {
  /** The `source` URI-reference; defaults to `/queues/<name>`, `/schedules/<name>` or `/buckets/<bucket>`. */
  source?: string;
}

/**
 * Reads a neutral event as a CloudEvents 1.0 object, for forwarding to an
 * event bus or a CloudEvents-aware consumer. Ids are deterministic, so the
 * same delivery always maps to the same CloudEvent id (useful to deduplicate).
 *
 * @example
 * async storage(event) {
 *   await fetch(BUS_URL, { method: "POST", headers: { "content-type": "application/cloudevents+json" }, body: JSON.stringify(toCloudEvent(event)) });
 * }
 */
export function toCloudEvent(event: StorageEvent, options?: CloudEventOptions): CloudEvent<{ bucket: string; key: string; size?: number; etag?: string }>;
export function toCloudEvent(event: ScheduledEvent, options?: CloudEventOptions): CloudEvent<{ name: string; cron?: string }>;
export function toCloudEvent<T>(message: QueueMessage<T>, options: CloudEventOptions & { queue: string }): CloudEvent<T>;
export function toCloudEvent(event: StorageEvent | ScheduledEvent | QueueMessage, options: CloudEventOptions & { queue?: string } = {}): CloudEvent {
  if (isStorageEvent(event)) {
    const data: { bucket: string; key: string; size?: number; etag?: string } = { bucket: event.bucket, key: event.key };
    if (event.size !== undefined) data.size = event.size;
    if (event.etag !== undefined) data.etag = event.etag;
    return {
      specversion: "1.0",
      id: `${event.bucket}/${event.key}@${event.time.getTime()}${event.etag ? `#${event.etag}` : ""}:${event.action}`,
      source: options.source ?? `/buckets/${encodeURIComponent(event.bucket)}`,
      type: `dev.faasport.storage.object.${event.action}`,
      time: event.time.toISOString(),
      subject: event.key,
      datacontenttype: "application/json",
      data,
    };
  }
  if (isScheduledEvent(event)) {
    const data: { name: string; cron?: string } = { name: event.name };
    if (event.cron !== undefined) data.cron = event.cron;
    return {
      specversion: "1.0",
      id: `${event.name}@${event.scheduledTime}`,
      source: options.source ?? `/schedules/${encodeURIComponent(event.name)}`,
      type: "dev.faasport.scheduled",
      time: new Date(event.scheduledTime).toISOString(),
      datacontenttype: "application/json",
      data,
    };
  }
  const queueName = options.queue ?? "queue";
  const bytes = event.body instanceof Uint8Array;
  return {
    specversion: "1.0",
    id: event.id,
    source: options.source ?? `/queues/${encodeURIComponent(queueName)}`,
    type: "dev.faasport.queue.message",
    time: event.timestamp.toISOString(),
    datacontenttype: bytes ? "application/octet-stream" : typeof event.body === "string" ? "text/plain" : "application/json",
    data: event.body,
  };
}

function isStorageEvent(event: object): event is StorageEvent {
  return "bucket" in event && "key" in event && "action" in event;
}

function isScheduledEvent(event: object): event is ScheduledEvent {
  return "scheduledTime" in event && "noRetry" in event;
}

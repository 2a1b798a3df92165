import type { StorageEvent } from "@faasport/core";
import type { R2EventNotification } from "./types";

const actions: Readonly<Record<string, StorageEvent["action"]>> = {
  PutObject: "created",
  CopyObject: "created",
  CompleteMultipartUpload: "created",
  DeleteObject: "removed",
  LifecycleDeletion: "removed",
};

/**
 * Whether a queue message body is an R2 event notification.
 *
 * @example
 * for (const message of batch.messages) if (isR2EventNotification(message.body)) console.log(message.body.object.key);
 */
export function isR2EventNotification(body: unknown): body is R2EventNotification {
  if (typeof body !== "object" || body === null) return false;
  const { action, bucket, object, eventTime } = body as Record<string, unknown>;
  return (
    typeof action === "string" &&
    typeof bucket === "string" &&
    typeof eventTime === "string" &&
    typeof object === "object" &&
    object !== null &&
    typeof (object as Record<string, unknown>)["key"] === "string"
  );
}

/**
 * Reads an R2 event notification as a neutral `StorageEvent`, or `undefined`
 * for an action that neither creates nor removes an object. R2 sends the key
 * as stored, not URL-encoded, and no region.
 *
 * @example
 * async queue(batch, env) {
 *   for (const message of batch.messages) {
 *     const event = isR2EventNotification(message.body) ? r2NotificationToStorageEvent(message.body) : undefined;
 *     if (event?.action === "created") await index(event.bucket, event.key);
 *   }
 * }
 */
export function r2NotificationToStorageEvent(notification: R2EventNotification): StorageEvent | undefined {
  const action = actions[notification.action];
  if (!action) return undefined;
  const time = Date.parse(notification.eventTime);
  return {
    bucket: notification.bucket,
    key: notification.object.key,
    action,
    size: typeof notification.object.size === "number" ? notification.object.size : undefined,
    etag: typeof notification.object.eTag === "string" ? notification.object.eTag : undefined,
    time: new Date(Number.isFinite(time) ? time : Date.now()),
    type: notification.action,
    region: undefined,
  };
}

import type { StorageEvent } from "@faasport/core";
import { eventDate, sizeField, textField } from "@faasport/core/runtime";
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
  // An own key only: `toString` or `__proto__` as an action must not find Object.prototype's.
  const action = Object.hasOwn(actions, notification.action) ? actions[notification.action] : undefined;
  if (!action) return undefined;
  return {
    bucket: notification.bucket,
    key: notification.object.key,
    action,
    size: sizeField(notification.object.size),
    etag: textField(notification.object.eTag),
    time: eventDate(notification.eventTime, Date.now()),
    type: notification.action,
    region: undefined,
  };
}

import type { StorageEvent } from "@faasport/core";
import { eventDate, sizeField, textField } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { TencentCosEvent, TencentCosRecord } from "./types";

/** A COS bucket notification. */
export function isCosEvent(event: unknown): event is TencentCosEvent {
  return isObject(event) && Array.isArray(event["Records"]) && event["Records"].length > 0 && event["Records"].every(isCosRecord);
}

/** A record naming its event, bucket and object key: without them there is nothing to tell the app. */
function isCosRecord(record: unknown): boolean {
  if (!isObject(record) || !isObject(record["cos"]) || !isObject(record["event"]) || typeof record["event"]["eventName"] !== "string") return false;
  const { cosObject, cosBucket } = record["cos"];
  return isObject(cosObject) && typeof cosObject["key"] === "string" && isObject(cosBucket) && typeof cosBucket["name"] === "string";
}

/** Object creations and removals; other COS events (archive restores) are not object changes. */
export function cosToStorageEvents(event: TencentCosEvent): StorageEvent[] {
  const out: StorageEvent[] = [];
  for (const record of event.Records) {
    const action = cosAction(record.event.eventName);
    if (action) out.push(cosRecordToStorageEvent(record, action));
  }
  return out;
}

// COS names removals `cos:ObjectRemove:*`, not `ObjectRemoved` (Tencent doc "COS Trigger", event types).
function cosAction(eventName: unknown): StorageEvent["action"] | undefined {
  if (typeof eventName !== "string") return undefined;
  if (eventName.startsWith("cos:ObjectCreated:")) return "created";
  if (eventName.startsWith("cos:ObjectRemove:")) return "removed";
  return undefined;
}

function cosRecordToStorageEvent(record: TencentCosRecord, action: StorageEvent["action"]): StorageEvent {
  const { cosObject, cosBucket } = record.cos;
  const meta: Record<string, unknown> = isObject(cosObject.meta) ? cosObject.meta : {};
  return {
    bucket: cosBucket.name,
    key: cosObjectKey(cosObject.key, textField(cosBucket.appid), cosBucket.name),
    action,
    size: action === "created" ? sizeField(cosObject.size) : undefined,
    etag: unquote(textField(meta["ETag"]) ?? textField(meta["etag"])),
    time: cosTime(record.event.eventTime),
    type: record.event.eventName,
    region: textField(cosBucket.cosRegion) ?? textField(cosBucket.region),
  };
}

/**
 * COS gives the key as `/<appid>/<bucket>/<key>`. The key itself is not
 * URL-encoded: Tencent's own COS templates pass it, prefix removed, straight
 * to the COS API.
 */
export function cosObjectKey(key: string, appid: string | undefined, bucket: string): string {
  const prefix = `/${appid ?? ""}/${bucket}/`;
  if (appid !== undefined && key.startsWith(prefix)) return key.slice(prefix.length);
  return key.startsWith("/") ? key.slice(1) : key;
}

/** `eventTime` is epoch seconds (a number; a string in old samples). */
function cosTime(eventTime: unknown): Date {
  const seconds = typeof eventTime === "number" || (typeof eventTime === "string" && eventTime.trim() !== "") ? Number(eventTime) : Number.NaN;
  return eventDate(Number.isFinite(seconds) ? seconds * 1000 : eventTime, Date.now());
}

/** Live events carry the ETag header value, quotes included. */
function unquote(etag: string | undefined): string | undefined {
  if (typeof etag !== "string" || etag === "") return undefined;
  return etag.replace(/^"(.*)"$/, "$1");
}

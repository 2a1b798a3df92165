import type { StorageEvent } from "@faasport/core";
import { eventDate, sizeField, textField } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { AliyunOssEvent, AliyunOssRecord } from "./types";

/** An OSS trigger event: records under `events`, each from `acs:oss` and naming its event, bucket and key. */
export function isAliyunOssEvent(event: unknown): event is AliyunOssEvent {
  return isObject(event) && Array.isArray(event["events"]) && event["events"].length > 0 && event["events"].every(isOssRecord);
}

function isOssRecord(record: unknown): boolean {
  if (!isObject(record) || record["eventSource"] !== "acs:oss" || typeof record["eventName"] !== "string" || !isObject(record["oss"])) return false;
  const { bucket, object } = record["oss"];
  return isObject(bucket) && typeof bucket["name"] === "string" && isObject(object) && typeof object["key"] === "string";
}

/**
 * Object creations and removals, in order; other OSS events (replication,
 * metadata updates) are not object changes and are skipped. `region` falls
 * back to the function's region, where the record leaves it out.
 */
export function ossToStorageEvents(event: AliyunOssEvent, functionRegion: string | undefined, now: number): StorageEvent[] {
  const out: StorageEvent[] = [];
  for (const record of event.events) {
    const action = ossAction(record.eventName);
    if (action) out.push(ossRecordToStorageEvent(record, action, functionRegion, now));
  }
  return out;
}

function ossAction(eventName: string): StorageEvent["action"] | undefined {
  // FC strips the `oss:` prefix the trigger configuration uses; accept it anyway.
  const name = eventName.startsWith("oss:") ? eventName.slice(4) : eventName;
  if (name.startsWith("ObjectCreated:")) return "created";
  if (name.startsWith("ObjectRemoved:")) return "removed";
  return undefined;
}

/**
 * Unlike S3, OSS puts the key in the event as stored, not URL-encoded: FC's
 * own examples pass `oss.object.key` straight to the OSS SDK. Removals carry
 * no meaningful size, so `size` is reported for creations only.
 */
function ossRecordToStorageEvent(record: AliyunOssRecord, action: StorageEvent["action"], functionRegion: string | undefined, now: number): StorageEvent {
  const object = record.oss.object;
  return {
    bucket: record.oss.bucket.name,
    key: object.key,
    action,
    size: action === "created" ? sizeField(object.size) : undefined,
    etag: textField(object.eTag) || undefined,
    time: eventDate(textField(record.eventTime), now),
    type: record.eventName,
    region: textField(record.region) ?? textField(functionRegion),
  };
}

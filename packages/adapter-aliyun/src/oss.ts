import type { StorageEvent } from "@faasport/core";
import { isObject } from "./_utils";
import type { AliyunOssEvent, AliyunOssRecord } from "./types";

/** An OSS trigger event: records under `events`, each from `acs:oss`. */
export function isAliyunOssEvent(event: unknown): event is AliyunOssEvent {
  return (
    isObject(event) &&
    Array.isArray(event["events"]) &&
    event["events"].length > 0 &&
    event["events"].every((record) => isObject(record) && record["eventSource"] === "acs:oss" && isObject(record["oss"]) && isObject(record["oss"]["object"]))
  );
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
  const time = Date.parse(record.eventTime);
  const object = record.oss.object;
  return {
    bucket: record.oss.bucket.name,
    key: object.key,
    action,
    size: action === "created" && typeof object.size === "number" ? object.size : undefined,
    etag: typeof object.eTag === "string" && object.eTag !== "" ? object.eTag : undefined,
    time: new Date(Number.isFinite(time) ? time : now),
    type: record.eventName,
    region: record.region ?? functionRegion,
  };
}

import type { StorageEvent } from "@faasport/core";
import { isObject } from "./_utils";
import type { S3Event, S3Record } from "./types";

/** An S3 event notification. */
export function isS3Event(event: unknown): event is S3Event {
  return (
    isObject(event) &&
    Array.isArray(event["Records"]) &&
    event["Records"].length > 0 &&
    event["Records"].every((record) => isObject(record) && record["eventSource"] === "aws:s3" && isObject(record["s3"]))
  );
}

/** Object events the app is told about; others (restores, replication) are not object changes. */
export function s3ToStorageEvents(event: S3Event): StorageEvent[] {
  const out: StorageEvent[] = [];
  for (const record of event.Records) {
    const action = s3Action(record.eventName);
    if (action) out.push(s3RecordToStorageEvent(record, action));
  }
  return out;
}

function s3Action(eventName: string): StorageEvent["action"] | undefined {
  if (eventName.startsWith("ObjectCreated:")) return "created";
  if (eventName.startsWith("ObjectRemoved:") || eventName === "LifecycleExpiration:Delete") return "removed";
  return undefined;
}

function s3RecordToStorageEvent(record: S3Record, action: StorageEvent["action"]): StorageEvent {
  const time = Date.parse(record.eventTime);
  return {
    bucket: record.s3.bucket.name,
    key: decodeS3Key(record.s3.object.key),
    action,
    size: typeof record.s3.object.size === "number" ? record.s3.object.size : undefined,
    etag: record.s3.object.eTag,
    time: new Date(Number.isFinite(time) ? time : Date.now()),
    type: record.eventName,
    region: record.awsRegion,
  };
}

/** S3 encodes keys form-style: `+` for a space, `%XX` for the rest. A key that does not decode is kept as sent. */
export function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, " "));
  } catch {
    return key;
  }
}

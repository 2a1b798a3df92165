import type { StorageEvent } from "@faasport/core";
import { eventDate, sizeField, textField } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { S3Event, S3Record } from "./types";

/** An S3 event notification whose every record names its event, bucket and key. */
export function isS3Event(event: unknown): event is S3Event {
  return isObject(event) && Array.isArray(event["Records"]) && event["Records"].length > 0 && event["Records"].every(isS3Record);
}

function isS3Record(record: unknown): boolean {
  if (!isObject(record) || record["eventSource"] !== "aws:s3" || typeof record["eventName"] !== "string" || !isObject(record["s3"])) return false;
  const { bucket, object } = record["s3"];
  return isObject(bucket) && typeof bucket["name"] === "string" && isObject(object) && typeof object["key"] === "string";
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
  const { size, eTag } = record.s3.object;
  return {
    bucket: record.s3.bucket.name,
    key: decodeS3Key(record.s3.object.key),
    action,
    size: sizeField(size),
    etag: textField(eTag),
    time: eventDate(textField(record.eventTime), Date.now()),
    type: record.eventName,
    region: textField(record.awsRegion),
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

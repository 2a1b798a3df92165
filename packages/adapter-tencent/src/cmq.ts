import { decodeMessageBody, eventDate, type QueueMessageInit, textField } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { TencentCmqRecord, TencentCmqTopicEvent } from "./types";

/** A CMQ topic delivery whose every message names its topic and id. */
export function isCmqTopicEvent(event: unknown): event is TencentCmqTopicEvent {
  return (
    isObject(event) &&
    Array.isArray(event["Records"]) &&
    event["Records"].length > 0 &&
    event["Records"].every((record) => isObject(record) && isObject(record["CMQ"]) && typeof record["CMQ"]["topicName"] === "string" && typeof record["CMQ"]["msgId"] === "string")
  );
}

/** The topic the messages were published to. */
export function cmqQueueName(event: TencentCmqTopicEvent): string {
  return event.Records[0]?.CMQ.topicName ?? "";
}

/**
 * CMQ says nothing of earlier delivery attempts, so `attempts` is always 1.
 * Tags become the `tags` attribute, comma-joined, whichever form they came in.
 */
export function cmqToMessages(event: TencentCmqTopicEvent): QueueMessageInit[] {
  return event.Records.map(cmqRecordToMessage);
}

function cmqRecordToMessage(record: TencentCmqRecord): QueueMessageInit {
  const message = record.CMQ;
  const tags = cmqTags(message.msgTag);
  return {
    id: message.msgId,
    body: typeof message.msgBody === "string" ? decodeMessageBody(message.msgBody) : message.msgBody,
    attempts: 1,
    // ISO 8601 in every sample; a bare number would be a count of something undocumented, so only text is read.
    timestamp: eventDate(textField(message.publishTime), Date.now()),
    attributes: tags ? { tags } : {},
  };
}

/** `msgTag` is `"a, b"` or `""` in Tencent's docs and captures, a list in the Serverless Framework's copy. */
function cmqTags(msgTag: unknown): string {
  const list: unknown[] = Array.isArray(msgTag) ? msgTag : typeof msgTag === "string" ? msgTag.split(",") : [];
  return list
    .filter((tag): tag is string => typeof tag === "string")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "")
    .join(",");
}

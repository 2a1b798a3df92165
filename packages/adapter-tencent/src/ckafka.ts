import { decodeMessageBody, type QueueMessageInit } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { TencentCkafkaEvent, TencentCkafkaRecord } from "./types";

/** A CKafka trigger batch whose every message has the topic, partition and offset that name it. */
export function isCkafkaEvent(event: unknown): event is TencentCkafkaEvent {
  return (
    isObject(event) && Array.isArray(event["Records"]) && event["Records"].length > 0 && event["Records"].every((record) => isObject(record) && isKafkaMessage(record["Ckafka"]))
  );
}

function isKafkaMessage(message: unknown): boolean {
  const coordinate = (value: unknown): boolean => typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
  return isObject(message) && typeof message["topic"] === "string" && coordinate(message["partition"]) && coordinate(message["offset"]);
}

/** The topic of the batch. */
export function ckafkaQueueName(event: TencentCkafkaEvent): string {
  return event.Records[0]?.Ckafka.topic ?? "";
}

/**
 * Kafka messages have no id of their own: `topic:partition:offset` names
 * one exactly, and stays the same when the batch is redelivered, so apps
 * can deduplicate on it. The event carries neither the send time nor a
 * delivery count: `timestamp` is when the batch arrived, `attempts` is 1.
 * `msgKey` is the literal `"None"` for keyless messages.
 */
export function ckafkaToMessages(event: TencentCkafkaEvent, receivedAt: Date): QueueMessageInit[] {
  return event.Records.map((record) => ckafkaRecordToMessage(record, receivedAt));
}

function ckafkaRecordToMessage(record: TencentCkafkaRecord, receivedAt: Date): QueueMessageInit {
  const message = record.Ckafka;
  const attributes: Record<string, string> = { partition: String(message.partition), offset: String(message.offset) };
  if (typeof message.msgKey === "string" && message.msgKey !== "" && message.msgKey !== "None") attributes["key"] = message.msgKey;
  return {
    id: `${message.topic}:${String(message.partition)}:${String(message.offset)}`,
    body: typeof message.msgBody === "string" ? decodeMessageBody(message.msgBody) : message.msgBody,
    attempts: 1,
    timestamp: receivedAt,
    attributes,
  };
}

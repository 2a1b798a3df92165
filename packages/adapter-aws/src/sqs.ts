import { decodeMessageBody, type MessageOutcome, type QueueMessageInit } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { SqsBatchResponse, SqsEvent, SqsRecord } from "./types";

/** An SQS batch. */
export function isSqsEvent(event: unknown): event is SqsEvent {
  return (
    isObject(event) && Array.isArray(event["Records"]) && event["Records"].length > 0 && event["Records"].every((record) => isObject(record) && record["eventSource"] === "aws:sqs")
  );
}

/** The queue name: the last part of the queue ARN. */
export function sqsQueueName(event: SqsEvent): string {
  const arn = event.Records[0]?.eventSourceARN ?? "";
  return arn.slice(arn.lastIndexOf(":") + 1);
}

/** SQS bodies are always strings; JSON text is parsed. String and Number message attributes become `attributes`. */
export function sqsToMessages(event: SqsEvent): QueueMessageInit[] {
  return event.Records.map(sqsRecordToMessage);
}

function sqsRecordToMessage(record: SqsRecord): QueueMessageInit {
  const attributes: Record<string, string> = {};
  for (const [name, attribute] of Object.entries(record.messageAttributes ?? {})) {
    if (typeof attribute?.stringValue === "string") attributes[name] = attribute.stringValue;
  }
  const sent = Number(record.attributes?.SentTimestamp);
  return {
    id: String(record.messageId),
    body: typeof record.body === "string" ? decodeMessageBody(record.body) : record.body,
    attempts: Math.max(1, Number(record.attributes?.ApproximateReceiveCount) || 1),
    timestamp: new Date(Number.isFinite(sent) ? sent : Date.now()),
    attributes,
  };
}

/**
 * Reports each message to retry as a batch item failure, so SQS deletes the
 * rest. SQS has no per-message redelivery delay in this answer: the
 * message comes back after the queue's visibility timeout.
 */
export function toSqsBatchResponse(outcomes: readonly MessageOutcome[]): SqsBatchResponse {
  return { batchItemFailures: outcomes.filter((outcome) => outcome.action === "retry").map((outcome) => ({ itemIdentifier: outcome.id })) };
}

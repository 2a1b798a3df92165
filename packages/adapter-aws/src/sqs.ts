import { attemptCount, decodeMessageBody, eventDate, type MessageOutcome, type QueueMessageInit, textField } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { SqsBatchResponse, SqsEvent, SqsRecord } from "./types";

/** An SQS batch whose every record has the message id a partial batch response must name. */
export function isSqsEvent(event: unknown): event is SqsEvent {
  return (
    isObject(event) &&
    Array.isArray(event["Records"]) &&
    event["Records"].length > 0 &&
    event["Records"].every((record) => isObject(record) && record["eventSource"] === "aws:sqs" && typeof record["messageId"] === "string")
  );
}

/** The queue name: the last part of the queue ARN. */
export function sqsQueueName(event: SqsEvent): string {
  const arn = textField(event.Records[0]?.eventSourceARN) ?? "";
  return arn.slice(arn.lastIndexOf(":") + 1);
}

/** SQS bodies are always strings; JSON text is parsed. String and Number message attributes become `attributes`. */
export function sqsToMessages(event: SqsEvent): QueueMessageInit[] {
  return event.Records.map(sqsRecordToMessage);
}

function sqsRecordToMessage(record: SqsRecord): QueueMessageInit {
  const attributes: [string, string][] = [];
  const given: unknown = record.messageAttributes;
  if (isObject(given)) {
    for (const name of Object.keys(given)) {
      const attribute = given[name];
      if (isObject(attribute) && typeof attribute["stringValue"] === "string") attributes.push([name, attribute["stringValue"]]);
    }
  }
  const system: Record<string, unknown> = isObject(record.attributes) ? record.attributes : {};
  return {
    id: record.messageId,
    body: typeof record.body === "string" ? decodeMessageBody(record.body) : record.body,
    attempts: attemptCount(system["ApproximateReceiveCount"]),
    timestamp: eventDate(system["SentTimestamp"], Date.now()),
    // fromEntries keeps every name an own property, `__proto__` included; none is the common case.
    attributes: attributes.length === 0 ? undefined : Object.fromEntries(attributes),
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

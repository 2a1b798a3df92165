import { decodeMessageBody, eventDate, type QueueMessageInit } from "@faasport/core/runtime";
import { isObject, stringValue } from "./_utils";
import type { AliyunMnsJsonEvent, AliyunMnsStreamEvent } from "./types";

/** The fields of a JSON-format MNS notification; any other top-level key is a message attribute. */
const jsonFields = new Set(["TopicOwner", "TopicName", "Subscriber", "SubscriptionName", "MessageId", "MessageMD5", "Message", "PublishTime"]);

/** An MNS topic trigger message in JSON format (`notifyContentFormat: JSON`). */
export function isAliyunMnsJsonEvent(event: unknown): event is AliyunMnsJsonEvent {
  return isObject(event) && typeof event["TopicName"] === "string" && typeof event["MessageId"] === "string" && typeof event["Message"] === "string";
}

/** An MNS topic trigger message in STREAM format that has attributes: `{ body, attrs }` and nothing else. */
export function isAliyunMnsStreamEvent(event: unknown): event is AliyunMnsStreamEvent {
  if (!isObject(event) || typeof event["body"] !== "string" || !isObject(event["attrs"])) return false;
  return Object.keys(event).length === 2;
}

/** What the invocation knows that the message may not: its request id, its start, how often FC has tried it. */
export interface MnsInvocationFacts {
  readonly requestId: string;
  readonly startedAt: number;
  readonly attempts: number;
}

/**
 * One JSON-format message: id, topic and publish time (epoch ms) are in the
 * envelope; attributes are the top-level keys that are not envelope fields.
 */
export function mnsJsonToMessage(event: AliyunMnsJsonEvent, facts: MnsInvocationFacts): { queue: string; message: QueueMessageInit } {
  const attributes = Object.entries(event).filter(([name]) => !jsonFields.has(name));
  return {
    queue: event.TopicName,
    message: {
      id: event.MessageId,
      body: decodeMessageBody(event.Message),
      attempts: facts.attempts,
      timestamp: eventDate(event.PublishTime, facts.startedAt),
      // fromEntries keeps every name an own property, `__proto__` included.
      attributes: Object.fromEntries(attributes.map(([name, value]) => [name, stringValue(value)])),
    },
  };
}

/**
 * One STREAM-format message: the body (raw, or under `body` when the
 * message has attributes) and nothing else. No message id, topic or publish
 * time travels, so the id is the invocation's request id, the topic the one
 * configured (`mnsTopic`, else `"mns"`) and the timestamp the invocation's start.
 */
export function mnsStreamToMessage(
  body: string | Uint8Array,
  attrs: Readonly<Record<string, unknown>>,
  topic: string | undefined,
  facts: MnsInvocationFacts,
): { queue: string; message: QueueMessageInit } {
  const attributes = Object.fromEntries(Object.entries(attrs).map(([name, value]) => [name, stringValue(value)]));
  return {
    queue: topic ?? "mns",
    message: {
      id: facts.requestId,
      body: typeof body === "string" ? decodeMessageBody(body) : body,
      attempts: facts.attempts,
      timestamp: new Date(facts.startedAt),
      attributes,
    },
  };
}

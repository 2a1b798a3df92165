import { UnsupportedEventError } from "@faasport/core";
import { attemptCount, describeValue, eventDate, type Invocation, type MessageOutcome, type QueueMessageInit, type Runtime, textField } from "@faasport/core/runtime";
import { isR2EventNotification, r2NotificationToStorageEvent } from "./r2";
import type { CloudflareMessage, CloudflareMessageBatch } from "./types";

/**
 * A native batch through the app's `queue` handler. Every decision reaches
 * the native message itself: explicit `ack()`/`retry()` as the app makes
 * them, then the default rule for the rest (acked when the handler returned,
 * retried when it threw). The handler's error is logged, not rethrown: with
 * every message settled one by one, the platform redelivers exactly the
 * retried ones, whereas a thrown error makes Miniflare's queue broker retry
 * the whole batch, explicitly acked messages included.
 */
export async function runQueueBatch(runtime: Runtime, batch: CloudflareMessageBatch, invocation: Invocation): Promise<void> {
  const forwarded = new Array<boolean>(batch.messages.length).fill(false);
  const forward = (index: number, outcome: MessageOutcome): void => {
    forwarded[index] = true;
    settle(batch.messages[index]!, outcome);
  };
  const result = await runtime.queue(textField(batch.queue) ?? "", batch.messages.map(messageInit), invocation, forward);
  result.outcomes.forEach((outcome, index) => {
    if (!forwarded[index]) forward(index, outcome);
  });
}

/**
 * A batch from a queue that carries R2 event notifications, through the
 * app's `storage` handler one message at a time: acked once its event is
 * handled, retried when the handler throws or the body is not a notification.
 */
export async function runStorageBatch(runtime: Runtime, batch: CloudflareMessageBatch, invocation: Invocation): Promise<void> {
  for (const message of batch.messages) {
    const body = decodeBody(message.body);
    if (!isR2EventNotification(body)) {
      invocation.ctx.log.error("not an R2 event notification", { error: new UnsupportedEventError("cloudflare", describeValue(body)), queue: batch.queue, id: message.id });
      message.retry();
      continue;
    }
    const event = r2NotificationToStorageEvent(body);
    // An action that neither creates nor removes an object is nothing to handle.
    const result = event ? await runtime.storage([event], invocation) : { ok: true };
    if (result.ok) message.ack();
    else message.retry();
  }
}

function settle(message: CloudflareMessage, outcome: MessageOutcome): void {
  if (outcome.action === "ack") message.ack();
  else message.retry(outcome.delaySeconds === undefined ? undefined : { delaySeconds: outcome.delaySeconds });
}

/** The neutral message; fields workerd would never send malformed are checked anyway, so the app's view is always valid. */
function messageInit(message: CloudflareMessage): QueueMessageInit {
  const { id, timestamp } = message;
  return {
    id: typeof id === "string" ? id : idText(id),
    body: decodeBody(message.body),
    attempts: attemptCount(message.attempts),
    timestamp: timestamp instanceof Date ? eventDate(timestamp.getTime(), Date.now()) : eventDate(timestamp, Date.now()),
  };
}

/**
 * Bodies as the producer sent them: Workers queues carry values (structured
 * clone), not text, so a string stays a string and nothing is parsed; only
 * `bytes` messages, which arrive as an `ArrayBuffer`, become the `Uint8Array`
 * faasport hands over for bytes everywhere.
 */
function decodeBody(body: unknown): unknown {
  return body instanceof ArrayBuffer ? new Uint8Array(body) : body;
}

/** A message id that is not a string, as text: JSON where it has one, never a throw. */
function idText(id: unknown): string {
  try {
    return JSON.stringify(id) ?? String(id);
  } catch {
    return "";
  }
}

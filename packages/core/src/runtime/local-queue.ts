import type { QueueMessageInit } from "../queue-batch";
import type { QueueRunResult } from "./runtime";

/** Delivers a batch to the app's queue handler and reports how each message ended. */
export type LocalConsumer = (queueName: string, messages: readonly QueueMessageInit[]) => Promise<QueueRunResult>;

/**
 * A queue binding that can deliver to the app's own `queue` handler, the way
 * a cloud queue triggers a function: local development and tests. The Node
 * adapter attaches a consumer to every such binding when it starts serving.
 */
export interface LocalQueueBinding {
  /** Starts delivering; returns a function that stops. */
  attachConsumer(consumer: LocalConsumer): () => void;
}

/** Whether a binding can deliver to the app itself. */
export function isLocalQueueBinding(value: unknown): value is LocalQueueBinding {
  return typeof value === "object" && value !== null && typeof (value as Partial<LocalQueueBinding>).attachConsumer === "function";
}

/**
 * The rule for platforms whose trigger cannot report failure per message
 * (MNS, CMQ, CKafka): when the handler threw or any message is to be
 * retried, the whole invocation fails so the platform redelivers the batch.
 * Nothing is acknowledged that the app did not finish; acked messages may
 * come again, so queue handlers must be idempotent.
 */
export function batchMustFail(result: QueueRunResult): boolean {
  return result.threw || result.outcomes.some((outcome) => outcome.action === "retry");
}

import { type AnyApp, UnsupportedEventError } from "@faasport/core";
import {
  answerHttp,
  createPlatformRuntime,
  describeValue,
  finishTask,
  finishWholeBatch,
  type Invocation,
  type PayloadLimit,
  type RequestParts,
  type Runtime,
  withinPayloadLimit,
} from "@faasport/core/runtime";
import { isObject, toHttpResult } from "./_utils";
import { apiGatewayToParts, isApiGatewayEvent } from "./api-gateway";
import { ckafkaQueueName, ckafkaToMessages, isCkafkaEvent } from "./ckafka";
import { cmqQueueName, cmqToMessages, isCmqTopicEvent } from "./cmq";
import { deadlineOf, readTencentContext } from "./context";
import { cosToStorageEvents, isCosEvent } from "./cos";
import { functionUrlToParts, isFunctionUrlEvent } from "./function-url";
import { type ResolvedTencentOptions, resolveOptions, type TencentOptions } from "./options";
import { isTimerEvent, timerToScheduled } from "./timer";
import type { TencentContext, TencentResult } from "./types";

// SCF refuses a synchronous answer over 6 MB; the smaller reading of "MB" is kept.
const scfLimit: PayloadLimit = { bytes: 6_000_000, source: "Tencent Cloud SCF quotas (cloud.tencent.com/document/product/583/11637): synchronous response 6 MB" };

/** An SCF event handler for the Node.js runtime (`main_handler`). */
export type TencentHandler = (event: unknown, context: TencentContext) => Promise<TencentResult>;

/**
 * Turns a faasport app into one SCF `main_handler` for every trigger it
 * serves: API Gateway (answering in the integration-response format),
 * function URLs, timers, CMQ topics, COS and CKafka. The source is told from
 * the event's shape; an unknown shape rejects with an `UnsupportedEventError`.
 * Env is resolved here, at cold start.
 *
 * CMQ and CKafka cannot take back one message of a batch: when the handler
 * throws or retries any message, the invocation fails and SCF delivers the
 * whole batch again, acked messages included. Queue handlers must therefore
 * be idempotent (deduplicate on `message.id`).
 *
 * @example
 * // index.ts, deployed with `handler: index.main_handler`
 * import { toTencent } from "@faasport/adapter-tencent";
 * import app from "./app";
 * export const main_handler = toTencent(app, { stripStage: true });
 */
export function toTencent(app: AnyApp, options: TencentOptions = {}): TencentHandler {
  const resolved = resolveOptions(options);
  const runtime = createPlatformRuntime(app, "tencent", options);
  return (event, context) => dispatch(runtime, resolved, event, context);
}

async function dispatch(runtime: Runtime, options: ResolvedTencentOptions, event: unknown, context: TencentContext): Promise<TencentResult> {
  const invocation = begin(runtime, event, context);
  const parts = httpParts(event, options);
  if (parts) {
    const answer = await answerHttp(runtime, invocation, parts, options.isText);
    return withinPayloadLimit(toHttpResult(answer), answer, scfLimit, invocation, toHttpResult);
  }
  if (isTimerEvent(event)) {
    // A rejected timer invocation is retried by SCF's asynchronous invocation; noRetry() returns normally instead.
    return finishTask(await runtime.scheduled(timerToScheduled(event), invocation), invocation);
  }
  // CMQ and CKafka cannot be told which message failed: a retry or a throw fails the whole batch, which SCF
  // delivers again (CMQ through asynchronous retries, CKafka through the trigger's own retry count).
  if (isCmqTopicEvent(event)) return finishWholeBatch(await runtime.queue(cmqQueueName(event), cmqToMessages(event), invocation), invocation, "tencent");
  if (isCkafkaEvent(event)) return finishWholeBatch(await runtime.queue(ckafkaQueueName(event), ckafkaToMessages(event, new Date()), invocation), invocation, "tencent");
  if (isCosEvent(event)) {
    return finishTask(await runtime.storage(cosToStorageEvents(event), invocation), invocation);
  }
  throw new UnsupportedEventError("tencent", describeValue(event));
}

/** How to read an HTTP event (API Gateway, or a function URL), or `undefined` for other triggers. */
function httpParts(event: unknown, options: ResolvedTencentOptions): (() => RequestParts) | undefined {
  if (isApiGatewayEvent(event)) return () => apiGatewayToParts(event, options);
  if (isFunctionUrlEvent(event)) return () => functionUrlToParts(event, options);
  return undefined;
}

function begin(runtime: Runtime, event: unknown, context: unknown): Invocation {
  const requestContext = isObject(event) && isObject(event["requestContext"]) ? event["requestContext"] : undefined;
  const gatewayId = typeof requestContext?.["requestId"] === "string" ? requestContext["requestId"] : undefined;
  return runtime.begin({
    requestId: readTencentContext(context).requestId ?? gatewayId,
    deadline: deadlineOf(context, Date.now()),
    raw: { event, context },
  });
}

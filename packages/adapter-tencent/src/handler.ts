import { type AnyApp, UnsupportedEventError } from "@faasport/core";
import { answerHttp, batchMustFail, createRuntime, describeValue, type Invocation, type QueueRunResult, type Runtime } from "@faasport/core/runtime";
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

/** An SCF event handler for the Node.js runtime (`main_handler`). */
export type TencentHandler = (event: unknown, context: TencentContext) => Promise<TencentResult>;

declare const process: { readonly env: Record<string, string | undefined> };

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
  const runtime = createRuntime(app, {
    cloud: "tencent",
    variables: options.variables ?? process.env,
    bindings: options.env,
    log: options.log,
    fastFetch: options.fastFetch ?? true,
  });
  return (event, context) => dispatch(runtime, resolved, event, context);
}

async function dispatch(runtime: Runtime, options: ResolvedTencentOptions, event: unknown, context: TencentContext): Promise<TencentResult> {
  const invocation = begin(runtime, event, context);
  if (isApiGatewayEvent(event)) return toHttpResult(await answerHttp(runtime, invocation, () => apiGatewayToParts(event, options), options.isText));
  if (isFunctionUrlEvent(event)) return toHttpResult(await answerHttp(runtime, invocation, () => functionUrlToParts(event, options), options.isText));
  if (isTimerEvent(event)) {
    const result = await runtime.scheduled(timerToScheduled(event), invocation);
    await invocation.settle();
    // A rejected timer invocation is retried by SCF's asynchronous invocation; noRetry() returns normally instead.
    if (!result.ok && result.retry) throw result.error;
    return undefined;
  }
  if (isCmqTopicEvent(event)) return settleQueue(await runtime.queue(cmqQueueName(event), cmqToMessages(event), invocation), invocation);
  if (isCkafkaEvent(event)) return settleQueue(await runtime.queue(ckafkaQueueName(event), ckafkaToMessages(event, new Date()), invocation), invocation);
  if (isCosEvent(event)) {
    const result = await runtime.storage(cosToStorageEvents(event), invocation);
    await invocation.settle();
    if (!result.ok) throw result.error;
    return undefined;
  }
  throw new UnsupportedEventError("tencent", describeValue(event));
}

/**
 * CMQ and CKafka have no per-message failure report: the only way not to
 * acknowledge a message is to fail the invocation, so SCF redelivers the
 * batch (CMQ through asynchronous retries, CKafka through the trigger's own
 * retry count).
 */
async function settleQueue(result: QueueRunResult, invocation: Invocation): Promise<undefined> {
  await invocation.settle();
  if (!batchMustFail(result)) return undefined;
  if (result.threw && result.error instanceof Error) throw result.error;
  const retried = result.outcomes.filter((outcome) => outcome.action === "retry").length;
  throw new Error(`[faasport] [tencent] ${retried} message(s) to retry: failing the invocation so the batch is delivered again`, { cause: result.error });
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

import { type AnyApp, UnsupportedEventError } from "@faasport/core";
import {
  answerHttp,
  createPlatformRuntime,
  describeValue,
  finishTask,
  finishWholeBatch,
  type Invocation,
  type PayloadLimit,
  type QueueMessageInit,
  type Runtime,
  withinPayloadLimit,
} from "@faasport/core/runtime";
import { attemptsOf, decodeEvent, describeRaw, invocationInit } from "./_utils";
import { httpTriggerToParts, isAliyunHttpTriggerEvent, toHttpTriggerResult } from "./http-trigger";
import { isAliyunMnsJsonEvent, isAliyunMnsStreamEvent, type MnsInvocationFacts, mnsJsonToMessage, mnsStreamToMessage } from "./mns";
import { type AliyunOptions, resolveOptions } from "./options";
import { isAliyunOssEvent, ossToStorageEvents } from "./oss";
import { isAliyunTimerEvent, timerToScheduled } from "./timer";
import type { AliyunContext, AliyunResult } from "./types";

// FC documents 32 MB for a synchronous invocation's payload and no separate answer limit; the smaller reading of "MB" is kept.
const fcLimit: PayloadLimit = { bytes: 32_000_000, source: "Alibaba Cloud FC limits: synchronous invocation payload 32 MB" };

/** An FC 3.0 event handler for the built-in Node.js runtimes. */
export type AliyunHandler = (event: unknown, context: AliyunContext) => Promise<AliyunResult>;

/**
 * Turns a faasport app into one FC 3.0 event handler for every trigger it
 * serves: HTTP triggers (and custom domains) of built-in runtimes, timers,
 * MNS topics (STREAM and JSON formats) and OSS. The trigger is told from the
 * event's shape; an unknown shape rejects with an `UnsupportedEventError`
 * naming what arrived. Env is resolved here, at cold start.
 *
 * Queues: an MNS topic trigger invokes the function asynchronously, once per
 * message, and cannot hear which message failed. When the app retries the
 * message or throws, the invocation fails and FC retries it (3 times by
 * default, `maxAsyncRetryAttempts`); nothing is acknowledged that the app did
 * not finish. Delivery is at least once, so queue handlers must be
 * idempotent: use `message.id` (the MNS `MessageId`; the request id in
 * STREAM format) to recognise a message seen before.
 *
 * @example
 * // index.ts, deployed with `handler: index.handler` on a Node.js built-in runtime
 * import { toAliyun } from "@faasport/adapter-aliyun";
 * import app from "./app";
 * export const handler = toAliyun(app, { mnsTopic: "jobs" });
 */
export function toAliyun(app: AnyApp, options: AliyunOptions = {}): AliyunHandler {
  const resolved = resolveOptions(options);
  const runtime = createPlatformRuntime(app, "aliyun", options);

  return async (event, context) => {
    const startedAt = Date.now();
    const decoded = decodeEvent(event);
    const value = decoded.value;
    const begin = (eventRequestId?: string): Invocation => runtime.begin(invocationInit(event, context, startedAt, eventRequestId));
    if (decoded.kind === "json" && isAliyunHttpTriggerEvent(value)) {
      const invocation = begin(value.requestContext.requestId);
      const answer = await answerHttp(runtime, invocation, () => httpTriggerToParts(value, resolved), resolved.isText);
      const { result, dropped } = toHttpTriggerResult(answer);
      if (dropped > 0) invocation.ctx.log.warn("an FC 3.0 answer carries one Set-Cookie header: the others were not sent", { dropped });
      return withinPayloadLimit(result, answer, fcLimit, invocation, (serialized) => toHttpTriggerResult(serialized).result);
    }
    if (decoded.kind === "json" && isAliyunTimerEvent(value)) {
      const invocation = begin();
      // A timer invokes asynchronously: a failed invocation is retried by FC, unless the app said noRetry().
      return finishTask(await runtime.scheduled(timerToScheduled(value, startedAt), invocation), invocation);
    }
    if (decoded.kind === "json" && isAliyunOssEvent(value)) {
      const invocation = begin();
      return finishTask(await runtime.storage(ossToStorageEvents(value, context?.region, startedAt), invocation), invocation);
    }
    if (decoded.kind === "json" && isAliyunMnsJsonEvent(value)) {
      const started = begin();
      return runMessage(runtime, started, mnsJsonToMessage(value, facts(started, context, startedAt)));
    }
    if (decoded.kind === "json" && isAliyunMnsStreamEvent(value)) {
      const started = begin();
      return runMessage(runtime, started, mnsStreamToMessage(value.body, value.attrs, resolved.mnsTopic, facts(started, context, startedAt)));
    }
    if (resolved.mnsTopic !== undefined) {
      // STREAM format without attributes: the event is the message body itself.
      const body = decoded.kind === "raw" ? decoded.value : decoded.text || JSON.stringify(value);
      const started = begin();
      return runMessage(runtime, started, mnsStreamToMessage(body, {}, resolved.mnsTopic, facts(started, context, startedAt)));
    }
    throw new UnsupportedEventError("aliyun", decoded.kind === "raw" ? describeRaw(decoded.value) : describeValue(value));
  };
}

function facts(invocation: Invocation, context: AliyunContext | undefined, startedAt: number): MnsInvocationFacts {
  return { requestId: invocation.ctx.requestId, startedAt, attempts: attemptsOf(context) };
}

/**
 * Runs the one message of an MNS invocation. MNS cannot be told which
 * message failed, so a retry or a throw fails the invocation (`batchMustFail`)
 * and FC delivers it again; the retry delay is FC's, not the app's.
 */
async function runMessage(runtime: Runtime, invocation: Invocation, { queue, message }: { queue: string; message: QueueMessageInit }): Promise<undefined> {
  return finishWholeBatch(await runtime.queue(queue, [message], invocation), invocation, "aliyun");
}

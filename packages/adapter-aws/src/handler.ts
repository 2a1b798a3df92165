import { type AnyApp, UnsupportedEventError } from "@faasport/core";
import { answerHttp, createPlatformRuntime, describeValue, finishTask, finishWholeBatch, type Invocation, type Runtime } from "@faasport/core/runtime";
import { albToParts, isAlbEvent, isMultiValueAlbEvent, toAlbResult } from "./alb";
import { apiGatewayV1ToParts, isApiGatewayV1Event, toApiGatewayV1Result } from "./api-gateway-v1";
import { apiGatewayV2ToParts, isApiGatewayV2Event, toApiGatewayV2Result } from "./api-gateway-v2";
import { eventBridgeToScheduled, isEventBridgeScheduledEvent } from "./eventbridge";
import { type AwsOptions, resolveOptions } from "./options";
import { isS3Event, s3ToStorageEvents } from "./s3";
import { isSqsEvent, sqsQueueName, sqsToMessages, toSqsBatchResponse } from "./sqs";
import type { AwsResult, LambdaContext } from "./types";

/** A Lambda handler for the Node.js runtime. */
export type AwsHandler = (event: unknown, context: LambdaContext) => Promise<AwsResult>;

/**
 * Turns a faasport app into one Lambda handler for every event source it
 * serves: API Gateway REST and HTTP APIs, Function URLs, ALB (both header
 * modes), SQS, EventBridge schedules and S3. The source is told from the
 * event's shape; an unknown shape rejects with an `UnsupportedEventError`.
 * Env is resolved here, at cold start.
 *
 * @example
 * // handler.ts, deployed with `handler: handler.handler`
 * import { toAws } from "@faasport/adapter-aws";
 * import app from "./app";
 * export const handler = toAws(app, { basePath: "/api" });
 */
export function toAws(app: AnyApp, options: AwsOptions = {}): AwsHandler {
  const resolved = resolveOptions(options);
  const runtime = createPlatformRuntime(app, "aws", options);

  return async (event, context) => {
    const invocation = begin(runtime, event, context);
    if (isApiGatewayV2Event(event)) return toApiGatewayV2Result(await answerHttp(runtime, invocation, () => apiGatewayV2ToParts(event, resolved), resolved.isText));
    if (isAlbEvent(event)) return toAlbResult(await answerHttp(runtime, invocation, () => albToParts(event, resolved), resolved.isText), isMultiValueAlbEvent(event));
    if (isApiGatewayV1Event(event)) return toApiGatewayV1Result(await answerHttp(runtime, invocation, () => apiGatewayV1ToParts(event, resolved), resolved.isText));
    if (isSqsEvent(event)) {
      const result = await runtime.queue(sqsQueueName(event), sqsToMessages(event), invocation);
      // Without partial-failure reporting, a successful return deletes the whole batch: fail it instead.
      if (!resolved.reportBatchItemFailures) return finishWholeBatch(result, invocation, "aws").then(() => ({ batchItemFailures: [] }));
      await invocation.settle();
      return toSqsBatchResponse(result.outcomes);
    }
    if (isEventBridgeScheduledEvent(event)) {
      return finishTask(await runtime.scheduled(eventBridgeToScheduled(event), invocation), invocation);
    }
    if (isS3Event(event)) {
      return finishTask(await runtime.storage(s3ToStorageEvents(event), invocation), invocation);
    }
    throw new UnsupportedEventError("aws", describeValue(event));
  };
}

function begin(runtime: Runtime, event: unknown, context: LambdaContext | undefined): Invocation {
  const remaining = typeof context?.getRemainingTimeInMillis === "function" ? context.getRemainingTimeInMillis() : undefined;
  return runtime.begin({
    requestId: typeof context?.awsRequestId === "string" ? context.awsRequestId : undefined,
    deadline: remaining === undefined ? undefined : Date.now() + remaining,
    raw: { event, context },
  });
}

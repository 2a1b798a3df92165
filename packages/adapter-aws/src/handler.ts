import { type AnyApp, UnsupportedEventError } from "@faasport/core";
import {
  answerHttp,
  createPlatformRuntime,
  describeValue,
  finishTask,
  finishWholeBatch,
  type Invocation,
  type PayloadLimit,
  type Runtime,
  type SerializedResponse,
  withinPayloadLimit,
} from "@faasport/core/runtime";
import { albToParts, isAlbEvent, isMultiValueAlbEvent, toAlbResult } from "./alb";
import { apiGatewayV1ToParts, isApiGatewayV1Event, toApiGatewayV1Result } from "./api-gateway-v1";
import { apiGatewayV2ToParts, isApiGatewayV2Event, toApiGatewayV2Result } from "./api-gateway-v2";
import { eventBridgeToScheduled, isEventBridgeScheduledEvent } from "./eventbridge";
import { type AwsOptions, resolveOptions } from "./options";
import { isS3Event, s3ToStorageEvents } from "./s3";
import { isSqsEvent, sqsQueueName, sqsToMessages, toSqsBatchResponse } from "./sqs";
import type { AwsResult, LambdaContext } from "./types";

// Lambda refuses a synchronous answer over 6 MB ("Exceeded maximum allowed payload size (6291556 bytes)"); API Gateway then answers a bare 502.
const lambdaLimit: PayloadLimit = { bytes: 6 * 1024 * 1024, source: "AWS Lambda quotas: invocation payload, 6 MB per synchronous response" };
// ALB's "1 MB" is not said to be MiB: the smaller reading is kept.
const albLimit: PayloadLimit = { bytes: 1_000_000, source: "Elastic Load Balancing docs, Lambda functions as targets: the response JSON is at most 1 MB" };

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
    if (isApiGatewayV2Event(event)) {
      const answer = await answerHttp(runtime, invocation, () => apiGatewayV2ToParts(event, resolved), resolved.isText);
      return withinPayloadLimit(toApiGatewayV2Result(answer), answer, lambdaLimit, invocation, toApiGatewayV2Result);
    }
    if (isAlbEvent(event)) {
      const answer = await answerHttp(runtime, invocation, () => albToParts(event, resolved), resolved.isText);
      const toResult = (serialized: SerializedResponse) => toAlbResult(serialized, isMultiValueAlbEvent(event));
      return withinPayloadLimit(toResult(answer), answer, albLimit, invocation, toResult);
    }
    if (isApiGatewayV1Event(event)) {
      const answer = await answerHttp(runtime, invocation, () => apiGatewayV1ToParts(event, resolved), resolved.isText);
      return withinPayloadLimit(toApiGatewayV1Result(answer), answer, lambdaLimit, invocation, toApiGatewayV1Result);
    }
    if (isSqsEvent(event)) {
      const result = await runtime.queue(sqsQueueName(event), sqsToMessages(event), invocation);
      // Without partial-failure reporting, a successful return deletes the whole batch: fail it instead.
      if (!resolved.reportBatchItemFailures) return finishWholeBatch(result, invocation, "aws").then(() => ({ batchItemFailures: [] }));
      await invocation.settle();
      return toSqsBatchResponse(result.outcomes);
    }
    if (isEventBridgeScheduledEvent(event)) {
      return finishTask(await runtime.scheduled(eventBridgeToScheduled(event, resolved.scheduleNames), invocation), invocation);
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

import {
  caseHeader,
  eventBodyOf,
  groupedValues,
  type HarnessDefinition,
  type HttpCase,
  joinedValues,
  lastValues,
  type Limit,
  type PayloadInfo,
  proxyAnswerOutcome,
  queryPairs,
} from "@faasport/contract";
import { type AwsOptions, toAws } from "@faasport/adapter-aws";
import { fixture, lambdaContext } from "./fixtures";

/**
 * One harness per AWS event source. Each builds its native event from a
 * captured sample (so no field is invented) and applies what that service
 * documents it does to a request: decoding, joining, casing. Then it reads
 * the native answer back the way the service would.
 */

type Handler = ReturnType<typeof toAws>;
type Answer = Record<string, unknown>;

const splitLimitReason = "API Gateway HTTP APIs deliver the path decoded, so `%2F` arrives as `/`";
const httpApiPathLimit: Limit = { reason: splitLimitReason, source: "live captures cited in middleapi/standard-server#93 and hotsock/voker#8" };
const albSingleLimits: Record<string, Limit> = {
  "http.query.repeated": {
    reason: "single-value mode keeps only the last value of a repeated query key",
    source: "AWS docs, Lambda functions as ALB targets: multi-value headers",
  },
  "http.headers.repeated": { reason: "single-value mode keeps only the last value of a repeated header", source: "AWS docs, Lambda functions as ALB targets: multi-value headers" },
  "http.cookies.response": {
    reason: "single-value mode has room for one Set-Cookie header; the first is sent",
    source: "AWS docs, Lambda functions as ALB targets: multi-value headers",
  },
};
const decoder = new TextDecoder();

async function invokeHttp(handler: Handler, event: unknown): Promise<Answer> {
  return (await handler(event, lambdaContext())) as unknown as Answer;
}

function hostOf(request: HttpCase): string {
  return caseHeader(request, "host") ?? "contract.example.com";
}

/** REST API (v1): path as sent, query decoded into both maps (null when empty), headers in the client's casing. */
export function restApiEvent(request: HttpCase): Record<string, unknown> {
  const event = fixture("apigw-rest-v1-no-auth");
  const query = queryPairs(request.query, true);
  const body = eventBodyOf(request);
  const context = event["requestContext"] as Record<string, unknown>;
  Object.assign(context, { httpMethod: request.method, path: `/prod${request.path}`, requestId: crypto.randomUUID(), requestTimeEpoch: Date.now(), domainName: hostOf(request) });
  return Object.assign(event, {
    resource: "/{proxy+}",
    path: request.path,
    httpMethod: request.method,
    headers: lastValues(request.headers),
    multiValueHeaders: groupedValues(request.headers),
    queryStringParameters: query.length ? lastValues(query) : null,
    multiValueQueryStringParameters: query.length ? groupedValues(query) : null,
    body: body?.body ?? null,
    isBase64Encoded: body?.isBase64Encoded ?? false,
  });
}

/** HTTP API (v2): path decoded, raw query kept, repeated headers comma-joined, cookies split out. */
export function httpApiEvent(request: HttpCase, functionUrl = false): Record<string, unknown> {
  const event = fixture(functionUrl ? "lambda-function-url-get" : "apigw-http-v2-no-auth");
  const cookie = caseHeader(request, "cookie");
  const headers = joinedValues(
    request.headers.filter(([name]) => name.toLowerCase() !== "cookie"),
    ",",
    true,
  );
  const query = queryPairs(request.query, true);
  const body = eventBodyOf(request);
  // HTTP APIs decode the path (and cut it at a decoded "?"); Function URLs keep it as sent.
  const rawPath = functionUrl ? request.path : decodeURIComponent(request.path).split("?")[0]!;
  const context = event["requestContext"] as Record<string, unknown>;
  Object.assign(context["http"] as object, { method: request.method, path: rawPath });
  Object.assign(context, { requestId: crypto.randomUUID(), timeEpoch: Date.now(), domainName: hostOf(request) });
  Object.assign(event, { rawPath, rawQueryString: request.query ?? "", headers });
  if (cookie) event["cookies"] = cookie.split(/;\s*/);
  if (query.length) event["queryStringParameters"] = joinedValues(query, ",");
  if (body) Object.assign(event, body);
  return event;
}

/** ALB: path and query exactly as sent (not decoded), lower-case header names, one mode or the other. */
export function albEvent(request: HttpCase, multiValue: boolean): Record<string, unknown> {
  const event = fixture(multiValue ? "alb-multivalue" : "alb");
  const query = queryPairs(request.query, false);
  const body = eventBodyOf(request);
  Object.assign(event, { httpMethod: request.method, path: request.path, body: body?.body ?? "", isBase64Encoded: body?.isBase64Encoded ?? false });
  if (multiValue) Object.assign(event, { multiValueHeaders: groupedValues(request.headers, true), multiValueQueryStringParameters: groupedValues(query) });
  else Object.assign(event, { headers: lastValues(request.headers, true), queryStringParameters: lastValues(query) });
  return event;
}

const aws = { platform: "AWS", freezes: true } as const;
/** Lambda takes 6 MB each way synchronously; a binary body travels base64, so 4.7 MB of bytes is the most that fits with the event around it. */
const lambdaPayload: PayloadInfo = {
  maxBodyBytes: 4_700_000,
  pastBodyBytes: 5_000_000,
  past: "answer-too-large",
  source: "AWS Lambda quotas: invocation payload 6 MB per synchronous request and response (API Gateway's own 10 MB is never reached)",
};
/** ALB takes a 1 MB request body and a 1 MB answer JSON. */
const albPayload: PayloadInfo = {
  maxBodyBytes: 740_000,
  pastBodyBytes: 800_000,
  past: "answer-too-large",
  source: "Elastic Load Balancing docs, Lambda functions as targets: request body 1 MB, response JSON 1 MB",
};
const setupHandler = (setup: Parameters<HarnessDefinition["setup"]>[0], options: AwsOptions = {}): Handler =>
  toAws(setup.app, { env: setup.bindings, log: setup.log, variables: {}, ...options });

export const restApi: HarnessDefinition = {
  ...aws,
  payload: lambdaPayload,
  name: "aws: API Gateway REST API (v1)",
  source: "REST API",
  kinds: ["http"],
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      http: async (request) => {
        const answer = await invokeHttp(handler, restApiEvent(request));
        return proxyAnswerOutcome(answer, answer["multiValueHeaders"]);
      },
    };
  },
};

export const httpApi: HarnessDefinition = {
  ...aws,
  payload: lambdaPayload,
  name: "aws: API Gateway HTTP API (v2)",
  source: "HTTP API",
  kinds: ["http"],
  limits: { "http.path.encoded-slash": httpApiPathLimit },
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      http: async (request) => {
        const answer = await invokeHttp(handler, httpApiEvent(request));
        return proxyAnswerOutcome(answer, answer["headers"], answer["cookies"] as string[]);
      },
    };
  },
};

export const functionUrl: HarnessDefinition = {
  ...aws,
  payload: lambdaPayload,
  name: "aws: Lambda Function URL",
  source: "Function URL",
  kinds: ["http"],
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      http: async (request) => {
        const answer = await invokeHttp(handler, httpApiEvent(request, true));
        return proxyAnswerOutcome(answer, answer["headers"], answer["cookies"] as string[]);
      },
    };
  },
};

export const albSingle: HarnessDefinition = {
  ...aws,
  payload: albPayload,
  name: "aws: ALB (single-value headers)",
  source: "ALB",
  kinds: ["http"],
  limits: albSingleLimits,
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      http: async (request) => {
        const answer = await invokeHttp(handler, albEvent(request, false));
        if ("multiValueHeaders" in answer) throw new Error("ALB rejects a multi-value answer to a single-value request");
        return proxyAnswerOutcome(answer);
      },
    };
  },
};

export const albMulti: HarnessDefinition = {
  ...aws,
  payload: albPayload,
  name: "aws: ALB (multi-value headers)",
  source: "ALB multi-value",
  kinds: ["http"],
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      http: async (request) => {
        const answer = await invokeHttp(handler, albEvent(request, true));
        if ("headers" in answer) throw new Error("ALB rejects a single-value answer to a multi-value request");
        return proxyAnswerOutcome(answer, answer["multiValueHeaders"]);
      },
    };
  },
};

/** SQS: a failed invocation redelivers the whole batch; otherwise only the reported items. */
export const sqs: HarnessDefinition = {
  ...aws,
  name: "aws: SQS",
  source: "SQS",
  kinds: ["queue"],
  limits: {
    "queue.retry-delay": {
      reason: "a partial batch response cannot carry a delay; a retried message returns after the queue's visibility timeout",
      source: "AWS docs, Handling errors for an SQS event source in Lambda",
    },
  },
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      queue: async (batch) => {
        const [template] = fixture<{ Records: Record<string, unknown>[] }>("sqs").Records;
        const event = {
          Records: batch.messages.map((message) => ({
            ...structuredClone(template),
            messageId: message.id,
            body: message.body,
            attributes: { ...(template!["attributes"] as object), ApproximateReceiveCount: String(message.attempts), SentTimestamp: String(message.sentAt) },
            messageAttributes: {},
            eventSourceARN: `arn:aws:sqs:us-east-2:123456789012:${batch.queue}`,
          })),
        };
        try {
          const answer = (await handler(event, lambdaContext())) as { batchItemFailures: { itemIdentifier: string }[] };
          return { redelivered: answer.batchItemFailures.map((failure) => failure.itemIdentifier) };
        } catch {
          return { redelivered: batch.messages.map((message) => message.id) };
        }
      },
    };
  },
};

/** EventBridge: a rejected invocation is retried by Lambda's asynchronous invocation. */
export const eventBridge: HarnessDefinition = {
  ...aws,
  name: "aws: EventBridge schedule",
  source: "EventBridge",
  kinds: ["scheduled"],
  limits: { "scheduled.cron": { reason: "the scheduled event carries the rule, not its schedule expression", source: "eventbridge-scheduled.json" } },
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      scheduled: async (schedule) => {
        const event = Object.assign(fixture("eventbridge-scheduled"), {
          id: crypto.randomUUID(),
          time: new Date(schedule.scheduledTime).toISOString().replace(".000Z", "Z"),
          resources: [`arn:aws:events:us-east-1:123456789012:rule/${schedule.name}`],
        });
        return handler(event, lambdaContext()).then(
          () => ({ failed: false }),
          () => ({ failed: true }),
        );
      },
    };
  },
};

/** S3 encodes keys form-style (`+` for a space); removals carry no size or ETag. */
export const s3: HarnessDefinition = {
  ...aws,
  name: "aws: S3 notifications",
  source: "S3",
  kinds: ["storage"],
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      storage: async (change) => {
        const event = fixture<{ Records: Record<string, unknown>[] }>("s3-put");
        const record = event.Records[0]!;
        const s3Part = record["s3"] as { bucket: Record<string, unknown>; object: Record<string, unknown> };
        Object.assign(record, { eventTime: new Date(change.time).toISOString(), eventName: change.action === "created" ? "ObjectCreated:Put" : "ObjectRemoved:Delete" });
        s3Part.bucket["name"] = change.bucket;
        s3Part.bucket["arn"] = `arn:aws:s3:::${change.bucket}`;
        s3Part.object = { key: encodeURIComponent(change.key).replace(/%20/g, "+"), sequencer: "0055AED6DCD90281E5" };
        if (change.action === "created") Object.assign(s3Part.object, { size: change.size, eTag: change.etag, versionId: "version" });
        return handler(event, lambdaContext()).then(
          () => ({ failed: false }),
          () => ({ failed: true }),
        );
      },
    };
  },
};

export const awsHarnesses: readonly HarnessDefinition[] = [restApi, httpApi, functionUrl, albSingle, albMulti, sqs, eventBridge, s3];

export { decoder };

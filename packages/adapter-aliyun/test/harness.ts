import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import {
  answerHeaders,
  caseHeader,
  eventBodyOf,
  groupedValues,
  type HarnessDefinition,
  type HarnessSetup,
  type HttpCase,
  type HttpOutcome,
  joinedValues,
  type Limit,
  proxyAnswerOutcome,
  queryPairs,
  type QueueCase,
  type QueueOutcome,
} from "@faasport/contract";
import { type AliyunContext, type AliyunFc2Request, type AliyunOptions, toAliyun, toAliyunFc2Http } from "@faasport/adapter-aliyun";
import { asBuffer, fc2Context, fc3Context, fixture } from "./fixtures";

/**
 * One harness per FC event source. Each builds its native event from a
 * captured sample (so no field is invented), applies what FC documents it
 * does to a request (decoding, comma joining, header casing, the Buffer),
 * invokes the handler as the runtime would, and reads the native answer back.
 */

type Answer = Record<string, unknown>;

const httpDoc = "Alibaba Cloud docs, FC 3.0 'Use an HTTP trigger to invoke a function' (help.aliyun.com/zh/functioncompute/fc-3-0/user-guide/http-trigger-invoking-function)";
const fc3HttpLimits: Record<string, Limit> = {
  "http.query.repeated": {
    reason:
      "`queryParameters` holds decoded values with a repeated key's values joined by commas, and no raw query string, so `?a=1&a=2` and `?a=1,2` arrive alike; faasport passes the joined value intact rather than guess where to split",
    source: `${httpDoc}, request struct; fc3-http-doc-example.json`,
  },
  "http.cookies.response": {
    reason: "the answer's `headers` holds one string per name and Set-Cookie cannot be comma-joined: only the first cookie is sent, the others are logged as dropped",
    source: `${httpDoc}, response struct; honojs/hono src/adapter/alibaba-cloud-fc3/types.ts`,
  },
};
const retryDelayLimit: Limit = {
  reason: "a failed MNS trigger invocation is retried on FC's asynchronous retry schedule; a per-message delay cannot be asked for",
  source: "Alibaba Cloud docs, FC 'Configure a retry mechanism' (asynchronous invocations, maxAsyncRetryAttempts)",
};

/** Go's canonical header casing (`x-mixed-CASE` → `X-Mixed-Case`), as in the captured fc3-http.json. */
function canonicalName(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * FC 3.0 HTTP trigger (built-in runtime): `rawPath` as sent, `requestContext.http.path`
 * decoded, headers and query values comma-joined per name (query values decoded),
 * Host moved to `requestContext.domainName`, binary bodies base64.
 */
export function fc3HttpEvent(request: HttpCase): Record<string, unknown> {
  const event = fixture("fc3-http");
  const host = caseHeader(request, "host") ?? "contract.example.com";
  const body = eventBodyOf(request);
  const now = Date.now();
  const headers = request.headers.filter(([name]) => name.toLowerCase() !== "host").map(([name, value]) => [canonicalName(name), value] as const);
  const context = event["requestContext"] as Record<string, unknown>;
  Object.assign(context, {
    requestId: crypto.randomUUID(),
    domainName: host,
    domainPrefix: host.split(".")[0],
    time: new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z"),
    timeEpoch: String(now),
  });
  Object.assign(context["http"] as object, { method: request.method, path: decodedPath(request.path), userAgent: caseHeader(request, "user-agent") ?? "" });
  return Object.assign(event, {
    rawPath: request.path,
    headers: joinedValues(headers, ","),
    queryParameters: joinedValues(queryPairs(request.query, true), ","),
    body: body?.body ?? "",
    isBase64Encoded: body?.isBase64Encoded ?? false,
  });
}

/** FC 2.0 request headers FC drops (`connection`, `keep-alive`, `x-fc-*`). */
const droppedRequestHeader = (name: string): boolean => name === "connection" || name === "keep-alive" || name.startsWith("x-fc-");
/** FC 2.0 response headers FC ignores. */
const ignoredResponseHeader = (name: string): boolean => ["connection", "content-length", "date", "keep-alive", "server", "upgrade"].includes(name) || name.startsWith("x-fc-");

/**
 * FC 2.0 HTTP handler request: a readable stream of the body carrying the
 * documented fields; the default endpoint's proxy prefix in `path` and `url`,
 * `url` raw, `queries` decoded (an array for a repeated key), header names
 * lower case with repeated ones joined as Node joins them.
 */
export function fc2Request(request: HttpCase): AliyunFc2Request & Readable {
  const template = fixture<Record<string, unknown>>("fc2-http-request.from-docs");
  const prefix = "/2016-08-15/proxy/my-service/my-func";
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (!droppedRequestHeader(lower)) headers[lower] = headers[lower] === undefined ? value : `${headers[lower]}, ${value}`;
  }
  const queries: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(groupedValues(queryPairs(request.query, true)))) queries[key] = values.length === 1 ? values[0]! : values;
  const stream = Readable.from(request.body && request.body.byteLength > 0 ? [Buffer.from(request.body)] : []);
  const fields = {
    ...template,
    headers,
    path: `${prefix}${decodedPath(request.path)}`,
    queries,
    method: request.method,
    clientIP: "203.0.113.7",
    url: `${prefix}${request.path}${request.query === undefined ? "" : `?${request.query}`}`,
  };
  return Object.assign(stream, fields);
}

/** Calls an FC 2.0 handler with a recording `resp`, as the runtime would, and reads the HTTP answer back. */
export async function invokeFc2(handler: ReturnType<typeof toAliyunFc2Http>, req: AliyunFc2Request, context: AliyunContext = fc2Context()): Promise<HttpOutcome> {
  let status = 200;
  const headers: Record<string, string | string[]> = {};
  let sent: unknown;
  await handler(
    req,
    {
      setStatusCode: (code) => void (status = code),
      setHeader: (key, value) => {
        if (!ignoredResponseHeader(key.toLowerCase())) headers[key.toLowerCase()] = value;
      },
      deleteHeader: (key) => void delete headers[key.toLowerCase()],
      send: (body) => void (sent = body),
    },
    context,
  );
  const { headers: pairs, cookies } = answerHeaders(headers);
  const body = typeof sent === "string" ? new TextEncoder().encode(sent) : sent instanceof Uint8Array ? new Uint8Array(sent) : new Uint8Array();
  return { status, headers: pairs, cookies, body };
}

const aliyun = { platform: "Alibaba Cloud FC", freezes: true } as const;
const fc3Handler = (setup: HarnessSetup, options: AliyunOptions = {}) => toAliyun(setup.app, { env: setup.bindings, log: setup.log, variables: {}, ...options });
const taskOutcome = (run: Promise<unknown>) =>
  run.then(
    () => ({ failed: false }),
    () => ({ failed: true }),
  );

export const fc3Http: HarnessDefinition = {
  ...aliyun,
  // FC takes 32 MB synchronously; a binary body travels base64 in the event and the answer, so 23.9 MB of bytes fits.
  payload: { maxBodyBytes: 23_900_000, pastBodyBytes: 24_500_000, past: "answer-too-large", source: "Alibaba Cloud FC limits: synchronous invocation payload 32 MB" },
  name: "aliyun: FC 3.0 HTTP trigger",
  source: "FC 3.0 HTTP trigger",
  kinds: ["http"],
  limits: fc3HttpLimits,
  setup(setup) {
    const handler = fc3Handler(setup);
    return {
      http: async (request) => {
        return proxyAnswerOutcome((await handler(asBuffer(fc3HttpEvent(request)), fc3Context())) as unknown as Answer);
      },
    };
  },
};

export const fc2Http: HarnessDefinition = {
  ...aliyun,
  // The body streams in and the answer goes through resp.send, no JSON around either: FC's own 32 MB request limit is the only one.
  payload: {
    maxBodyBytes: 32_000_000,
    pastBodyBytes: 32_000_001,
    past: "platform",
    source: "Alibaba Cloud FC: HTTP request body 32 MB for synchronous invocations, refused by FC before the function runs",
  },
  name: "aliyun: FC 2.0 HTTP handler",
  source: "FC 2.0 HTTP handler",
  kinds: ["http"],
  setup(setup) {
    const handler = toAliyunFc2Http(setup.app, { env: setup.bindings, log: setup.log, variables: {} });
    return { http: (request) => invokeFc2(handler, fc2Request(request)) };
  },
};

export const timer: HarnessDefinition = {
  ...aliyun,
  name: "aliyun: timer trigger",
  source: "timer",
  kinds: ["scheduled"],
  limits: {
    "scheduled.cron": {
      reason: "the timer event carries the trigger's name and time, not its cron expression",
      source: "timer.json (FC docs, formats of event for different triggers)",
    },
  },
  setup(setup) {
    const handler = fc3Handler(setup);
    return {
      scheduled: (schedule) => {
        const event = { ...fixture("timer"), triggerTime: new Date(schedule.scheduledTime).toISOString().replace(/\.\d{3}Z$/, "Z"), triggerName: schedule.name };
        return taskOutcome(handler(asBuffer(event), fc3Context()));
      },
    };
  },
};

/** MNS invokes the function once per message: each message of a case is its own invocation, and fails alone. */
async function deliverEach(batch: QueueCase, invoke: (message: QueueCase["messages"][number], index: number) => Promise<unknown>): Promise<QueueOutcome> {
  const redelivered: string[] = [];
  for (const [index, message] of batch.messages.entries()) {
    if ((await taskOutcome(invoke(message, index))).failed) redelivered.push(message.id);
  }
  return { redelivered };
}

/** JSON format: the envelope carries id, topic and publish time; attributes (every other message here) are top-level keys. */
export function mnsJsonEvent(batch: QueueCase, message: QueueCase["messages"][number], withAttributes: boolean): Record<string, unknown> {
  const event = fixture(withAttributes ? "mns-topic-json-with-attributes" : "mns-topic-json");
  const md5 = createHash("md5").update(message.body).digest("hex").toUpperCase();
  return Object.assign(event, { TopicName: batch.queue, MessageId: message.id, Message: message.body, PublishTime: message.sentAt, MessageMD5: md5 });
}

export const mnsJson: HarnessDefinition = {
  ...aliyun,
  name: "aliyun: MNS topic trigger (JSON)",
  source: "MNS topic (JSON)",
  kinds: ["queue"],
  oneMessagePerInvocation: true,
  limits: { "queue.retry-delay": retryDelayLimit },
  setup(setup) {
    const handler = fc3Handler(setup);
    return {
      queue: (batch) => deliverEach(batch, (message, index) => handler(asBuffer(mnsJsonEvent(batch, message, index % 2 === 1)), fc3Context({ retryCount: message.attempts - 1 }))),
    };
  },
};

/** STREAM format: the raw body, or `{ body, attrs }` when the message has attributes (every other message here); nothing else travels. */
export function mnsStreamEvent(message: QueueCase["messages"][number], withAttributes: boolean): Buffer {
  return withAttributes ? asBuffer({ ...fixture<Record<string, unknown>>("mns-topic-stream-with-attributes"), body: message.body }) : asBuffer(message.body);
}

export const mnsStream: HarnessDefinition = {
  ...aliyun,
  name: "aliyun: MNS topic trigger (STREAM)",
  source: "MNS topic (STREAM)",
  kinds: ["queue"],
  oneMessagePerInvocation: true,
  limits: {
    "queue.retry-delay": retryDelayLimit,
    "queue.body": {
      reason:
        "a STREAM event is the message body (with `attrs` when it has attributes) and nothing else: the timestamp is the invocation's start, the id its request id, the topic the configured `mnsTopic`",
      source: "mns-topic-stream-with-attributes.json (devsapp/fc3 event template); FC docs, MNS topic trigger event formats",
    },
  },
  setup(setup) {
    const handler = fc3Handler(setup, { mnsTopic: "contract-jobs" });
    return {
      queue: (batch) =>
        deliverEach(batch, (message, index) => handler(mnsStreamEvent(message, index % 2 === 1), fc3Context({ requestId: message.id, retryCount: message.attempts - 1 }))),
    };
  },
};

export const oss: HarnessDefinition = {
  ...aliyun,
  name: "aliyun: OSS trigger",
  source: "OSS",
  kinds: ["storage"],
  setup(setup) {
    const handler = fc3Handler(setup);
    return {
      storage: (change) => {
        const event = fixture<{ events: Record<string, unknown>[] }>("oss");
        const record = event.events[0]!;
        const part = record["oss"] as { bucket: Record<string, unknown>; object: Record<string, unknown> };
        Object.assign(record, {
          eventTime: new Date(change.time).toISOString(),
          eventName: change.action === "created" ? "ObjectCreated:PutObject" : "ObjectRemoved:DeleteObject",
        });
        Object.assign(part.bucket, { name: change.bucket, arn: `acs:oss:cn-shanghai:123456789:${change.bucket}` });
        Object.assign(part.object, { key: change.key, size: change.size, deltaSize: change.action === "created" ? change.size : -change.size, eTag: change.etag });
        return taskOutcome(handler(asBuffer(event), fc3Context()));
      },
    };
  },
};

export const aliyunHarnesses: readonly HarnessDefinition[] = [fc3Http, fc2Http, timer, mnsStream, mnsJson, oss];

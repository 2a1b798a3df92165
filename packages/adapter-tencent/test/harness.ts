import {
  type Capability,
  eventBodyOf,
  formDecode,
  type HarnessDefinition,
  type HttpCase,
  type HttpOutcome,
  lastValues,
  type Limit,
  type PayloadInfo,
  proxyAnswerOutcome,
  type QueueCase,
  sendOverSocket,
} from "@faasport/contract";
import { serve } from "@faasport/adapter-node";
import { type TencentOptions, toTencent } from "@faasport/adapter-tencent";
import { fixture, scfContext } from "./fixtures";

/**
 * One harness per SCF trigger, plus web functions. Each builds its native
 * event from a sample in test/fixtures (so no field is invented), applies
 * what Tencent documents the trigger does to a request, and reads the
 * native answer back the way the trigger would.
 */

type Handler = ReturnType<typeof toTencent>;
type Records = { Records: Record<string, unknown>[] };

const retryPolicy = "Tencent doc 错误类型与重试策略 / Error Types and Retry Policies (cloud.tencent.com/document/product/583/41138)";
const singleHeaders: Limit = {
  reason: "`headers` holds one string per name, so a repeated request header arrives as a single value",
  source: "tencentyun/scf-go-lib events/apigw.go (`Headers map[string]string`); apigw.json",
};
const plainPaths: Limit = {
  reason:
    "Tencent documents and captures only plain paths, so whether `%2F` stays apart from `/` is unknown; the adapter copes with either, and the harness assumes the path arrives decoded",
  source: "apigw.json, apigw-get.scf-go-lib.json, function-url.json",
};

/** `queryString` as SCF fills it: decoded values, a list for a repeated key, `true` for a bare key (scf-go-lib capture). */
export function scfQueryString(raw: string | undefined): Record<string, string | string[] | true> {
  const out: Record<string, string | string[] | true> = {};
  for (const part of (raw ?? "").split("&")) {
    if (part === "") continue;
    const index = part.indexOf("=");
    const key = formDecode(index === -1 ? part : part.slice(0, index));
    const value = index === -1 ? true : formDecode(part.slice(index + 1));
    const existing = out[key];
    if (existing === undefined || value === true) out[key] = existing ?? value;
    else out[key] = typeof existing === "string" ? [existing, value] : Array.isArray(existing) ? [...existing, value] : value;
  }
  return out;
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path).split("?")[0]!;
  } catch {
    return path;
  }
}

/** API Gateway: lower-case single-value headers, real query in `queryString`, body base64 only where the API's Base64 encoding applies. */
export function apiGatewayEvent(request: HttpCase, stage?: string): Record<string, unknown> {
  const event = fixture("apigw");
  const body = eventBodyOf(request);
  // An API without key-pair authentication: `identity` is empty, as in Tencent's capture.
  Object.assign(event["requestContext"] as object, { httpMethod: "ANY", requestId: crypto.randomUUID(), sourceIp: "203.0.113.10", stage: stage ?? "release", identity: {} });
  Object.assign(event, {
    httpMethod: request.method,
    path: `${stage ? `/${stage}` : ""}${decodedPath(request.path)}`,
    headers: lastValues(request.headers, true),
    queryString: scfQueryString(request.query),
    // Only parameters declared on the API land here; the contract API declares none (as in the scf-go-lib capture).
    queryStringParameters: {},
    headerParameters: {},
    pathParameters: {},
  });
  delete event["body"];
  // Base64 encoding "triggered by header" for binary content types (Tencent API Gateway doc "Base64 Encoding", 628/51799).
  if (body) Object.assign(event, body.isBase64Encoded ? body : { body: body.body });
  return event;
}

/** Function URL: API Gateway's event minus requestContext, declared parameters and isBase64Encoded; the body is text. */
export function functionUrlEvent(request: HttpCase): Record<string, unknown> {
  const event = fixture("function-url");
  Object.assign(event, { httpMethod: request.method, path: decodedPath(request.path), headers: lastValues(request.headers, true), queryString: scfQueryString(request.query) });
  delete event["body"];
  if (request.body && request.body.byteLength > 0) event["body"] = new TextDecoder().decode(request.body);
  return event;
}

async function invokeHttp(handler: Handler, event: unknown): Promise<HttpOutcome> {
  return proxyAnswerOutcome((await handler(event, scfContext())) as unknown as Record<string, unknown>);
}

const tencent = { platform: "Tencent", freezes: true } as const;
const setupHandler = (setup: Parameters<HarnessDefinition["setup"]>[0], options: TencentOptions = {}): Handler =>
  toTencent(setup.app, { env: setup.bindings, log: setup.log, variables: {}, ...options });
const settled = (promise: Promise<unknown>): Promise<{ failed: boolean }> =>
  promise.then(
    () => ({ failed: false }),
    () => ({ failed: true }),
  );
const isoSeconds = (epochMs: number): string => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");

/** SCF takes 6 MB each way synchronously; a binary body travels base64, so 4.4 MB of bytes is the most that fits. */
const scfPayload: PayloadInfo = {
  maxBodyBytes: 4_400_000,
  pastBodyBytes: 4_600_000,
  past: "answer-too-large",
  source: "Tencent Cloud SCF quotas (cloud.tencent.com/document/product/583/11637): synchronous request event 6 MB, response 6 MB",
};

export const apiGateway: HarnessDefinition = {
  ...tencent,
  payload: scfPayload,
  name: "tencent: API Gateway trigger",
  source: "API Gateway",
  kinds: ["http"],
  limits: { "http.headers.repeated": singleHeaders, "http.path.encoded-slash": plainPaths },
  setup(setup) {
    const handler = setupHandler(setup, { stripStage: true });
    // Reached through the default domain, with the release environment in the path; the adapter strips it.
    return { http: (request) => invokeHttp(handler, apiGatewayEvent(request, "release")) };
  },
};

export const functionUrl: HarnessDefinition = {
  ...tencent,
  name: "tencent: function URL (event function)",
  source: "Function URL",
  kinds: ["http"],
  limits: {
    "http.headers.repeated": singleHeaders,
    "http.path.encoded-slash": plainPaths,
    "http.body.binary": {
      reason:
        "function URL events carry no `isBase64Encoded`: the body reaches an event function as text, so bytes that are not valid UTF-8 are lost (a web function receives them intact)",
      source: "Tencent doc 函数 URL 概述 / Function URL Overview (cloud.tencent.com/document/product/583/96099): the event is API Gateway's without isBase64Encoded",
    },
  },
  setup(setup) {
    const handler = setupHandler(setup);
    return { http: (request) => invokeHttp(handler, functionUrlEvent(request)) };
  },
};

/**
 * SCF web functions run the app's own HTTP server, which must listen on
 * port 9000 on 0.0.0.0 (Tencent doc "Bootstrap File", 583/56126). The harness
 * binds 0.0.0.0 as there, on a free port, and talks to it over loopback.
 */
export const webFunction: HarnessDefinition = {
  name: "tencent: web function (@faasport/adapter-node)",
  platform: "Tencent",
  // A web function gets the HTTP request itself; SCF refuses a larger body before the function runs.
  payload: { maxBodyBytes: 6_000_000, pastBodyBytes: 6_000_001, past: "platform", source: "Tencent Cloud SCF quotas: synchronous request 6 MB" },
  source: "Web function",
  kinds: ["http"],
  freezes: false,
  async setup(setup) {
    const server = await serve(setup.app, { port: 0, hostname: "0.0.0.0", env: setup.bindings, log: setup.log, variables: {} });
    return { http: (input) => sendOverSocket(server.port, input), close: () => server.close() };
  },
};

/** Timer: trigger name and firing time in UTC whole seconds; the configured message. */
export function timerEvent(schedule: { name: string; scheduledTime: number }, type = "timer"): Record<string, unknown> {
  return Object.assign(fixture("timer"), { Type: type, TriggerName: schedule.name, Time: isoSeconds(schedule.scheduledTime), Message: "" });
}

export const timer: HarnessDefinition = {
  ...tencent,
  name: "tencent: timer trigger",
  source: "Timer",
  kinds: ["scheduled"],
  limits: { "scheduled.cron": { reason: "the timer event carries the trigger's name and time, not its cron expression", source: "timer.json, timer-capitalized.scf-go-lib.json" } },
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      scheduled: (schedule) => settled(handler(timerEvent(schedule), scfContext())),
    };
  },
};

const wholeBatch = (queue: string, source: string): Partial<Record<Capability, Limit>> => ({
  "queue.per-message": {
    reason: `${queue} cannot report failure per message: a retry or a throw fails the invocation and the whole batch comes again, acked messages included, so handlers must be idempotent`,
    source: retryPolicy,
  },
  "queue.retry-delay": { reason: `${source}; there is no per-message delay`, source: retryPolicy },
});

/** CMQ topic: one record per message; publish time in UTC whole seconds; no tags. */
export function cmqEvent(batch: QueueCase): Records {
  const [template] = fixture<Records>("cmq-topic.from-docs").Records;
  const Records = batch.messages.map((message) => ({
    CMQ: {
      ...(template!["CMQ"] as object),
      topicName: batch.queue,
      subscriptionName: `${batch.queue}-sub`,
      msgId: message.id,
      msgBody: message.body,
      publishTime: isoSeconds(message.sentAt),
      requestId: String(Math.floor(Math.random() * 1e18)),
    },
  }));
  return { Records };
}

export const cmq: HarnessDefinition = {
  ...tencent,
  name: "tencent: CMQ topic trigger",
  source: "CMQ topic",
  kinds: ["queue"],
  limits: {
    ...wholeBatch("A CMQ topic trigger", "SCF retries a failed asynchronous invocation once a minute, twice by default"),
    "queue.body": { reason: "the event carries no delivery count: `attempts` is always 1", source: "cmq-topic.from-docs.json, cmq-topic-tags.scf-go-lib.json" },
  },
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      queue: async (batch) => {
        const { failed } = await settled(handler(cmqEvent(batch), scfContext()));
        return { redelivered: failed ? batch.messages.map((message) => message.id) : [] };
      },
    };
  },
};

let nextOffset = 100;

/** CKafka: one record per message, on partition 1 at the next offsets; keyless (`"None"`). Returns the id each message gets. */
export function ckafkaEvent(batch: QueueCase): { event: Records; ids: Record<string, string> } {
  const [template] = fixture<Records>("ckafka").Records;
  const ids: Record<string, string> = {};
  const Records = batch.messages.map((message) => {
    const offset = nextOffset++;
    ids[message.id] = `${batch.queue}:1:${offset}`;
    return { Ckafka: { ...(template!["Ckafka"] as object), topic: batch.queue, partition: 1, offset, msgBody: message.body } };
  });
  return { event: { Records }, ids };
}

export const ckafka: HarnessDefinition = {
  ...tencent,
  name: "tencent: CKafka trigger",
  source: "CKafka",
  kinds: ["queue"],
  limits: {
    ...wholeBatch("The CKafka trigger", "the trigger retries a failed batch once a minute, up to its retry count"),
    "queue.body": {
      reason: "the event carries neither a delivery count nor the send time: `attempts` is 1 and `timestamp` the batch's arrival",
      source: "ckafka.json, ckafka-key.scf-go-lib.json",
    },
  },
  setup(setup) {
    const handler = setupHandler(setup);
    return {
      queue: async (batch) => {
        const { event, ids } = ckafkaEvent(batch);
        const { failed } = await settled(handler(event, scfContext()));
        return { redelivered: failed ? batch.messages.map((message) => message.id) : [], ids };
      },
    };
  },
};

/** COS: the key under `/<appid>/<bucket>/`, not encoded; time in epoch seconds; the ETag (quoted) among the object's headers in `meta`. */
export function cosEvent(change: { bucket: string; key: string; action: "created" | "removed"; size: number; etag: string; time: number }): Records {
  const event = fixture<Records>("cos-put");
  const record = event.Records[0]!;
  const cos = record["cos"] as { cosObject: Record<string, unknown>; cosBucket: Record<string, unknown> };
  const appid = String(cos.cosBucket["appid"]);
  cos.cosBucket["name"] = change.bucket;
  Object.assign(cos.cosObject, {
    key: `/${appid}/${change.bucket}/${change.key}`,
    url: `http://${change.bucket}-${appid}.cos.ap-guangzhou.myqcloud.com/${encodeURI(change.key)}`,
    size: change.action === "created" ? change.size : 0,
  });
  if (change.action === "created") cos.cosObject["meta"] = { ...(cos.cosObject["meta"] as object), ETag: `"${change.etag}"` };
  Object.assign(record["event"] as object, {
    eventName: change.action === "created" ? "cos:ObjectCreated:Put" : "cos:ObjectRemove:Delete",
    eventTime: Math.floor(change.time / 1000),
  });
  return event;
}

export const cos: HarnessDefinition = {
  ...tencent,
  name: "tencent: COS trigger",
  source: "COS",
  kinds: ["storage"],
  setup(setup) {
    const handler = setupHandler(setup);
    return { storage: (change) => settled(handler(cosEvent(change), scfContext())) };
  },
};

export const tencentHarnesses: readonly HarnessDefinition[] = [apiGateway, functionUrl, webFunction, timer, cmq, ckafka, cos];

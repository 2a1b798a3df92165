// The events every contender answers, derived from captured samples (see events/SOURCES.md).
import { readFileSync } from "node:fs";

const load = (name) => JSON.parse(readFileSync(new URL(`./events/${name}`, import.meta.url), "utf8"));

/** 64 KB of bytes that are not UTF-8 text, so every contender must send them base64. */
export const binary = Buffer.from(Array.from({ length: 64 * 1024 }, (_, index) => (index * 7919) & 0xff));

/** An HTTP API v2 event (the Function URL shape too). */
export function httpApiEvent({ method, path, body, contentType }) {
  const event = load("http-api-v2.json");
  event.rawPath = path;
  event.requestContext.http.method = method;
  event.requestContext.http.path = path;
  event.routeKey = "$default";
  if (body) {
    event.body = body.toString("base64");
    event.isBase64Encoded = true;
    event.headers["content-type"] = contentType;
    event.headers["content-length"] = String(body.byteLength);
  }
  return event;
}

export const v2Get = httpApiEvent({ method: "GET", path: "/hello" });
export const v2Echo = httpApiEvent({ method: "POST", path: "/echo", body: binary, contentType: "application/octet-stream" });

/** API Gateway REST (payload 1.0): both header maps, as REST APIs send them. */
export const v1Get = (() => {
  const event = load("apigw-rest-v1-no-auth.json");
  event.httpMethod = "GET";
  event.path = "/hello";
  event.resource = "/hello";
  event.requestContext.httpMethod = "GET";
  event.requestContext.resourcePath = "/hello";
  event.requestContext.path = "/prod/hello";
  return event;
})();

/** An ALB target event, single-value headers mode. */
export const albGet = (() => {
  const event = load("alb.json");
  event.path = "/hello";
  return event;
})();

/** The FC 3.0 HTTP trigger event, as the Buffer FC's Node.js runtimes pass. */
export const fcGet = (() => {
  const event = load("fc3-http.json");
  event.rawPath = "/hello";
  event.requestContext.http.method = "GET";
  event.requestContext.http.path = "/hello";
  event.body = "";
  delete event.headers["Content-Type"];
  return Buffer.from(JSON.stringify(event));
})();
export const fcContext = { requestId: "bench", function: { timeout: 30 } };

/** The SCF API Gateway trigger event (a GET as captured by Tencent's scf-go-lib). */
export const scfGet = (() => {
  const event = load("scf-apigw-get.json");
  event.path = "/hello";
  return event;
})();
export const scfContext = { request_id: "bench", time_limit_in_ms: 30_000 };

/** An SQS batch of 10 JSON messages. */
export const sqsBatch = (() => {
  const event = load("sqs.json");
  const template = event.Records[1];
  event.Records = Array.from({ length: 10 }, (_, index) => ({
    ...structuredClone(template),
    messageId: `${index.toString(16).padStart(8, "0")}-87a3-44ab-83d2-661975830a7d`,
    body: JSON.stringify({ id: index, message: `message ${index}` }),
  }));
  return event;
})();

export const lambdaContext = { awsRequestId: "bench", getRemainingTimeInMillis: () => 30_000 };

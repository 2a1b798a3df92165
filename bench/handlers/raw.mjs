import { sink } from "./app.mjs";

// Raw, hand-written handlers: the floor every ratio is measured against. Each answers
// the same bytes in the shape its platform takes, and does the least work that can.

const helloBody = () => JSON.stringify({ hello: "world" });
const jsonHeaders = () => ({ "content-type": "application/json" });
const echo = (body) => ({ statusCode: 200, headers: { "content-type": "application/octet-stream" }, body: Buffer.from(body, "base64").toString("base64"), isBase64Encoded: true });

/** Lambda: HTTP API v2 and Function URLs. */
export const rawV2 = async (event) => {
  if (event.rawPath === "/echo") return echo(event.body);
  return { statusCode: 200, headers: jsonHeaders(), body: helloBody(), isBase64Encoded: false };
};

/** Lambda: API Gateway REST (payload 1.0). */
export const rawV1 = async (event) => {
  if (event.path === "/echo") return echo(event.body);
  return { statusCode: 200, headers: jsonHeaders(), body: helloBody(), isBase64Encoded: false };
};

/** Lambda: ALB target. */
export const rawAlb = async (event) => {
  if (event.path === "/echo") return { ...echo(event.body), statusDescription: "200 OK" };
  return { statusCode: 200, statusDescription: "200 OK", headers: jsonHeaders(), body: helloBody(), isBase64Encoded: false };
};

/** FC 3.0 HTTP trigger: the event arrives as a Buffer of JSON. */
export const rawFc = async (event) => {
  const request = JSON.parse(event.toString());
  if (request.rawPath === "/echo") return echo(request.body);
  return { statusCode: 200, headers: jsonHeaders(), body: helloBody(), isBase64Encoded: false };
};

/** SCF API Gateway trigger (integration response). */
export const rawScf = async (event) => {
  if (event.path === "/echo") return echo(event.body);
  return { isBase64Encoded: false, statusCode: 200, headers: jsonHeaders(), body: helloBody() };
};

/** Lambda: an SQS batch with partial batch responses. */
export const rawSqs = async (event) => {
  for (const record of event.Records) sink.total += JSON.parse(record.body).id;
  return { batchItemFailures: [] };
};

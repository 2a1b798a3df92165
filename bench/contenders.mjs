// The handlers under test. Each contender answers the same requests with the same bytes.
import { readFileSync } from "node:fs";
import { defineApp } from "@faasport/core";
import { toAws } from "@faasport/adapter-aws";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";

const template = JSON.parse(readFileSync(new URL("./events/http-api-v2.json", import.meta.url), "utf8"));

/** An HTTP API v2 event derived from the captured sample. */
export function httpApiEvent({ method, path, body, contentType }) {
  const event = structuredClone(template);
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

export const getEvent = httpApiEvent({ method: "GET", path: "/hello" });
export const binary = Buffer.from(Array.from({ length: 64 * 1024 }, (_, index) => (index * 7919) & 0xff));
export const echoEvent = httpApiEvent({ method: "POST", path: "/echo", body: binary, contentType: "application/octet-stream" });

export const context = { awsRequestId: "bench", getRemainingTimeInMillis: () => 30_000 };

/** A raw, hand-written Lambda handler: the floor. */
export const raw = async (event) => {
  if (event.rawPath === "/echo") {
    const bytes = Buffer.from(event.body, "base64");
    return { statusCode: 200, headers: { "content-type": "application/octet-stream" }, body: bytes.toString("base64"), isBase64Encoded: true };
  }
  return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ hello: "world" }), isBase64Encoded: false };
};

const app = defineApp({
  async fetch(request) {
    if (new URL(request.url).pathname === "/echo") return new Response(await request.arrayBuffer(), { headers: { "content-type": "application/octet-stream" } });
    return Response.json({ hello: "world" });
  },
});
// A sink that drops records: the peers do not log either.
export const faasport = toAws(app, { variables: {}, log: () => {} });

const hono = new Hono();
hono.get("/hello", (c) => c.json({ hello: "world" }));
hono.post("/echo", async (c) => c.body(await c.req.arrayBuffer(), 200, { "content-type": "application/octet-stream" }));
export const honoHandler = handle(hono);

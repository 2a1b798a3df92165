import { defineApp, type LogRecord } from "@faasport/core";
import { answerHttp, createRuntime, type SerializedResponse, textTypeMatcher, withinPayloadLimit } from "@faasport/core/runtime";
import { describe, expect, it } from "vitest";

const raw = { event: {}, context: {} };
const logs: LogRecord[] = [];
const runtime = createRuntime(defineApp({ fetch: () => new Response("x") }), { cloud: "aws", variables: {}, log: (record) => logs.push(record) });
const toNative = (answer: SerializedResponse) => ({ statusCode: answer.status, headers: Object.fromEntries(answer.headers), body: answer.body });
const answerOf = (body: string): SerializedResponse => ({ status: 200, headers: [["content-type", "text/plain"]], cookies: [], body, isBase64Encoded: false });

describe("withinPayloadLimit", () => {
  const limit = { bytes: 200_000, source: "the test's platform docs" };

  it("passes answers up to the limit through untouched, to the byte", () => {
    const small = toNative(answerOf("ok"));
    expect(withinPayloadLimit(small, answerOf("ok"), limit, runtime.begin({ raw }), toNative)).toBe(small);
    const envelope = JSON.stringify(toNative(answerOf(""))).length;
    // "é" is two UTF-8 bytes: the limit counts bytes, not characters.
    const exact = "é".repeat((limit.bytes - envelope) / 2);
    const native = toNative(answerOf(exact));
    expect(Buffer.byteLength(JSON.stringify(native))).toBe(limit.bytes);
    expect(withinPayloadLimit(native, answerOf(exact), limit, runtime.begin({ raw }), toNative)).toBe(native);
  });

  it("answers a 500 saying the response is too large, with the request id, and logs the size, the limit and its source", () => {
    const body = "é".repeat(limit.bytes / 2);
    const result = withinPayloadLimit(toNative(answerOf(body)), answerOf(body), limit, runtime.begin({ requestId: "big", raw }), toNative);
    expect(result).toEqual({ statusCode: 500, headers: { "content-type": "application/json", "x-request-id": "big" }, body: '{"error":"Response Too Large","requestId":"big"}' });
    expect(logs.at(-1)).toMatchObject({ level: "error", msg: "the response is too large for the platform", requestId: "big", limit: 200_000, source: "the test's platform docs" });
    expect(logs.at(-1)?.["bytes"]).toBeGreaterThan(200_000);
  });
});

describe("answerHttp: header values HTTP does not allow", () => {
  it("a control character the Fetch API lets through is a logged 500, never sent", async () => {
    const app = defineApp({ fetch: () => new Response("x", { headers: [["x-a", "b\u001bc"]] }) });
    const strict = createRuntime(app, { cloud: "aws", variables: {}, log: (record) => logs.push(record) });
    const invocation = strict.begin({ requestId: "ctl", raw });
    const answer = await answerHttp(strict, invocation, () => ({ method: "GET", url: "https://h/", headers: [], body: null }), textTypeMatcher());
    expect([answer.status, answer.body, answer.headers.some(([name]) => name === "x-a")]).toEqual([500, '{"error":"Internal Server Error","requestId":"ctl"}', false]);
    expect(logs.at(-1)).toMatchObject({ level: "error", msg: "the response has a header value HTTP does not allow", requestId: "ctl" });
  });
});

import { readdirSync } from "node:fs";
import { isFaasportError, type LogRecord } from "@faasport/core";
import { expectSameShape, recordingApp } from "@faasport/contract";
import { readTencentContext, toTencent } from "@faasport/adapter-tencent";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fixture, scfContext } from "./fixtures";
import { apiGatewayEvent, ckafkaEvent, cmqEvent, cosEvent, functionUrlEvent, timerEvent } from "./harness";

/** The recording app behind the SCF handler. */
function recorder() {
  const { app, seen, contexts } = recordingApp();
  const logs: LogRecord[] = [];
  return { seen, contexts, logs, handler: toTencent(app, { variables: {}, log: (record) => logs.push(record) }) };
}

const files = readdirSync(new URL("./fixtures", import.meta.url))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -5));
// Two samples are not events: the documented answer format and the documented context.
const notEvents = ["apigw-response.from-docs", "context.from-docs"];
const events = files.filter((name) => !notEvents.includes(name));

describe("every SCF sample decodes to the neutral view", () => {
  beforeEach(() => {
    // CKafka messages carry no send time: they are stamped with the arrival time.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-02T03:04:05Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("covers every fixture file", () => {
    expect(files).toHaveLength(13);
    expect(events).toHaveLength(11);
  });

  for (const name of events) {
    it(name, async () => {
      const { seen, handler } = recorder();
      await handler(fixture(name), scfContext("fixture-request"));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchSnapshot();
    });
  }

  it("answers in the documented integration-response format", async () => {
    const { handler } = recorder();
    const answer = await handler(fixture("apigw"), scfContext());
    expectSameShape(answer, fixture("apigw-response.from-docs"), { maps: ["$.headers"] });
    expect(answer).toEqual({ isBase64Encoded: false, statusCode: 200, headers: { "content-type": "text/plain;charset=UTF-8" }, body: "ok" });
  });

  it("reads the documented snake_case context", async () => {
    expect(readTencentContext(fixture("context.from-docs"))).toEqual({
      requestId: "4ca7089c-3bb0-48cf-bcdb-26d130fed2ae",
      functionName: "test",
      functionVersion: "$LATEST",
      namespace: "default",
      region: "ap-chengdu",
      appId: "1253970226",
      uin: "3473058547",
      memoryLimitMb: 128,
      timeLimitMs: 3000,
      environment: { SCF_NAMESPACE: "default" },
    });
    expect(readTencentContext(undefined)).toMatchObject({ requestId: undefined, environment: {} });
    expect(readTencentContext({ environment: "not json" }).environment).toEqual({});
  });
});

describe("the harness builds events shaped like the samples", () => {
  const request = {
    method: "POST",
    path: "/echo/a%20b",
    query: "a=1&b=2",
    headers: [
      ["Host", "h.example.com"],
      ["Cookie", "a=1"],
      ["Content-Type", "application/octet-stream"],
    ] as const,
    body: new Uint8Array([1, 2, 3]),
  };
  const maps = ["$.headers", "$.queryString", "$.queryStringParameters", "$.headerParameters", "$.pathParameters", "$.stageVariables"];

  it("API Gateway, against the documented event and Tencent's capture", () => {
    // isBase64Encoded appears only when the API's Base64 encoding applied (API Gateway doc "Base64 Encoding").
    // `identity.secretId` is there only for APIs with key-pair authentication.
    expectSameShape(apiGatewayEvent(request), fixture("apigw"), { maps, optional: ["$.isBase64Encoded", "$.requestContext.identity.secretId"] });
    const get = apiGatewayEvent({ ...request, method: "GET", query: "a=b&a=c&x=y&i", body: undefined });
    const capture = fixture("apigw-get.scf-go-lib");
    // The capture has no body, no stage variables and an empty identity; a repeated key is a list, a bare key `true`.
    expectSameShape(get, capture, { maps: maps.filter((path) => path !== "$.queryString"), optional: ["$.stageVariables", "$.requestContext.requestId"] });
    expect(get["queryString"]).toEqual({ a: ["b", "c"], x: "y", i: true });
  });

  it("function URL", () => {
    expectSameShape(functionUrlEvent(request), fixture("function-url"), { maps });
    expect("body" in functionUrlEvent({ ...request, body: undefined })).toBe(false);
  });

  it("timer, CMQ, CKafka and COS", () => {
    expectSameShape(timerEvent({ name: "nightly", scheduledTime: Date.UTC(2026, 0, 1) }), fixture("timer"));
    expectSameShape(timerEvent({ name: "nightly", scheduledTime: 0 }, "Timer"), fixture("timer-capitalized.scf-go-lib"));
    const batch = { queue: "jobs", messages: [{ id: "m1", body: "x", attempts: 1, sentAt: 0 }] };
    expectSameShape(cmqEvent(batch), fixture("cmq-topic.from-docs"));
    expectSameShape(cmqEvent(batch), fixture("cmq-topic-tags.scf-go-lib"));
    expectSameShape(ckafkaEvent(batch).event, fixture("ckafka"));
    expectSameShape(ckafkaEvent(batch).event, fixture("ckafka-key.scf-go-lib"));
    const change = { bucket: "photos", key: "a b.jpg", action: "created" as const, size: 3, etag: "abc", time: 0 };
    // `meta` holds the object's headers, free keys (scf-go-lib: `map[string]string`); live events carry `ETag` there.
    const cosMaps = { maps: ["$.Records[].cos.cosObject.meta", "$.Records[].event.requestParameters.requestHeaders"] };
    expectSameShape(cosEvent(change), fixture("cos-put"), cosMaps);
    expectSameShape(cosEvent({ ...change, action: "removed" }), fixture("cos-versioned.scf-go-lib"), cosMaps);
  });
});

describe("unknown events", () => {
  const { handler } = recorder();
  const cases: [string, unknown, RegExp][] = [
    ["null", null, /received null/],
    ["undefined", undefined, /received a undefined/],
    ["a string", "GET /", /received a string/],
    ["an array", [1], /received an array of length 1/],
    ["an empty object", {}, /received an empty object/],
    ["empty Records", { Records: [] }, /keys: Records/],
    ["an SQS record", { Records: [{ eventSource: "aws:sqs", body: "x" }] }, /keys: Records/],
    ["a CMQ record that is not an object", { Records: [{ CMQ: "x" }] }, /keys: Records/],
    ["a wrong-typed httpMethod", { httpMethod: 1, path: "/", requestContext: {} }, /keys: httpMethod, path, requestContext/],
    ["a timer of another type", { Type: "cron", TriggerName: "t", Time: "2019-02-21T11:49:00Z" }, /keys: Type, TriggerName, Time/],
    ["an API Gateway response", fixture("apigw-response.from-docs"), /keys: isBase64Encoded, statusCode, headers, body/],
  ];
  for (const [label, event, message] of cases) {
    it(`rejects ${label} with a typed error naming it`, async () => {
      const error: unknown = await handler(event, scfContext()).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(isFaasportError(error, "UNSUPPORTED_EVENT")).toBe(true);
      expect((error as Error).message).toMatch(/^\[faasport\] \[tencent\] unsupported event: /);
      expect((error as Error).message).toMatch(message);
    });
  }
});

import { toAws } from "@faasport/adapter-aws";
import { type HttpCase, recordingApp, rejection } from "@faasport/contract";
import { defineApp, isFaasportError } from "@faasport/core";
import { describe, expect, it } from "vitest";
import { fixture, lambdaContext } from "./fixtures";
import { albEvent, httpApiEvent, restApiEvent } from "./harness";

/** Regressions found by fuzzing the AWS adapter (see docs/reliability.md). */

const request: HttpCase = { method: "GET", path: "/", query: undefined, headers: [["host", "h.example"]], body: undefined };
const prototypeNamed = defineApp({
  fetch: () =>
    new Response("ok", {
      headers: [
        ["constructor", "c"],
        ["__proto__", "p"],
        ["tostring", "t"],
      ],
    }),
});

describe("response headers named like Object.prototype members", () => {
  const handler = toAws(prototypeNamed, { variables: {} });
  for (const [name, event, field] of [
    ["REST API (multi-value map)", restApiEvent(request), "multiValueHeaders"],
    ["HTTP API (single map)", httpApiEvent(request), "headers"],
    ["ALB single-value", albEvent(request, false), "headers"],
    ["ALB multi-value", albEvent(request, true), "multiValueHeaders"],
  ] as const) {
    it(`${name}: reach the client intact (they crashed the answer or came out as "function Object() …, c")`, async () => {
      const answer = (await handler(event, lambdaContext())) as unknown as Record<string, Record<string, unknown>>;
      const headers = answer[field]!;
      const value = (name: string) => (Array.isArray(headers[name]) ? (headers[name] as string[]).join() : headers[name]);
      expect([Object.hasOwn(headers, "constructor"), value("constructor"), Object.hasOwn(headers, "__proto__"), value("__proto__"), value("tostring")]).toEqual([
        true,
        "c",
        true,
        "p",
        "t",
      ]);
      expect(JSON.parse(JSON.stringify(answer))[field]).toMatchObject({ constructor: field === "headers" ? "c" : ["c"] });
    });
  }
});

describe("malformed events", () => {
  const { app, seen } = recordingApp();
  const handler = toAws(app, { variables: {} });

  it("a request method that is not a token is a 400 (the app used to receive `A\\r\\nSET-COOKIE: X`)", async () => {
    const answer = (await handler({ ...httpApiEvent(request), requestContext: { http: { method: "a\r\nSet-Cookie: x" } } }, lambdaContext())) as unknown as { statusCode: number };
    expect(answer.statusCode).toBe(400);
    expect(seen).toEqual([]);
  });

  it("an EventBridge rule ARN that is not a string names the run `schedule` (it threw a TypeError)", async () => {
    await handler({ ...fixture<Record<string, unknown>>("eventbridge-scheduled"), resources: [[null]] }, lambdaContext());
    expect(seen.at(-1)).toMatchObject({ name: "schedule" });
  });

  it("S3 and SQS records missing what identifies them are unsupported events, not TypeErrors", async () => {
    const s3 = fixture<{ Records: Record<string, unknown>[] }>("s3-put");
    s3.Records[0]!["eventName"] = 7;
    const sqs = fixture<{ Records: Record<string, unknown>[] }>("sqs");
    delete sqs.Records[0]!["messageId"];
    for (const event of [s3, sqs]) expect(isFaasportError(await rejection(handler(event, lambdaContext())), "UNSUPPORTED_EVENT")).toBe(true);
  });

  it("wrong-typed optional fields are dropped, times a Date cannot hold fall back, prototype-named attributes are kept", async () => {
    const s3 = fixture<{ Records: { s3: { object: Record<string, unknown> }; awsRegion: unknown }[] }>("s3-put");
    Object.assign(s3.Records[0]!, { awsRegion: 5 });
    s3.Records[0]!.s3.object["size"] = 1e400;
    await handler(s3, lambdaContext());
    expect(seen.at(-1)).toMatchObject({ region: undefined, size: undefined });

    const sqs = fixture<{ Records: Record<string, unknown>[] }>("sqs");
    Object.assign(sqs.Records[0]!, {
      attributes: { SentTimestamp: "1e300", ApproximateReceiveCount: "1e400" },
      messageAttributes: JSON.parse('{"__proto__": {"stringValue": "kept", "dataType": "String"}}') as unknown,
    });
    await handler(sqs, lambdaContext());
    const [message] = (seen.at(-1) as { messages: { attempts: number; timestamp: string; attributes: Record<string, string> }[] }).messages;
    expect([message!.attempts, Number.isNaN(Date.parse(message!.timestamp)), Object.hasOwn(message!.attributes, "__proto__")]).toEqual([1, false, true]);
  });
});

import { readdirSync } from "node:fs";
import { defineApp, isFaasportError, type LogRecord } from "@faasport/core";
import { expectSameShape, recordingApp } from "@faasport/contract";
import { toAws } from "@faasport/adapter-aws";
import { describe, expect, it } from "vitest";
import { fixture, lambdaContext } from "./fixtures";
import { albEvent, httpApiEvent, restApiEvent } from "./harness";

/** The recording app behind the AWS handler. */
function recorder() {
  const { app, seen } = recordingApp();
  const logs: LogRecord[] = [];
  return { seen, logs, handler: toAws(app, { variables: {}, log: (record) => logs.push(record) }) };
}

const names = readdirSync(new URL("./fixtures", import.meta.url))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -5));

describe("every AWS sample decodes to the neutral view", () => {
  it("covers every fixture file", () => {
    expect(names.length).toBe(13);
  });

  for (const name of names) {
    it(name, async () => {
      const { seen, handler } = recorder();
      await handler(fixture(name), lambdaContext("fixture-request"));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchSnapshot();
    });
  }
});

describe("the harness builds events shaped like the samples", () => {
  const request = {
    method: "POST",
    path: "/echo/a%20b",
    query: "a=1&a=2",
    headers: [
      ["Host", "h.example.com"],
      ["Cookie", "a=1"],
      ["Content-Type", "application/octet-stream"],
    ] as const,
    body: new Uint8Array([1, 2, 3]),
  };
  const maps = ["$.headers", "$.multiValueHeaders", "$.queryStringParameters", "$.multiValueQueryStringParameters"];

  it("REST API", () => {
    const built = restApiEvent(request);
    expectSameShape(built, fixture("apigw-rest-v1-no-auth"), { maps, optional: ["$.queryStringParameters", "$.multiValueQueryStringParameters", "$.body"] });
  });

  it("HTTP API and Function URL", () => {
    // The no-auth capture has no cookies and no query; the fields the builder adds for them are those of the full sample.
    const added = ["$.cookies", "$.queryStringParameters", "$.body"];
    expectSameShape(httpApiEvent(request), fixture("apigw-http-v2-no-auth"), { maps, optional: added });
    expectSameShape(httpApiEvent(request, true), fixture("lambda-function-url-get"), { maps, optional: added });
    const full = fixture("apigw-http-v2");
    for (const field of ["cookies", "queryStringParameters", "body"]) expect(Object.keys(full)).toContain(field);
    expect(typeof httpApiEvent(request)["body"]).toBe(typeof full["body"]);
  });

  it("ALB in both modes", () => {
    expectSameShape(albEvent(request, false), fixture("alb"), { maps });
    expectSameShape(albEvent(request, true), fixture("alb-multivalue"), { maps });
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
    ["an SNS record", { Records: [{ EventSource: "aws:sns", Sns: {} }] }, /keys: Records/],
    ["a wrong-typed httpMethod", { httpMethod: 1, path: "/", requestContext: {} }, /keys: httpMethod, path, requestContext/],
    ["a v2 event without http context", { version: "2.0", rawPath: "/", requestContext: {} }, /keys: version, rawPath, requestContext/],
  ];
  for (const [label, event, message] of cases) {
    it(`rejects ${label} with a typed error naming it`, async () => {
      const error: unknown = await handler(event, lambdaContext()).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(isFaasportError(error, "UNSUPPORTED_EVENT")).toBe(true);
      expect((error as Error).message).toMatch(/^\[faasport\] \[aws\] unsupported event: /);
      expect((error as Error).message).toMatch(message);
    });
  }
});

describe("options and edge cases", () => {
  const echo = defineApp({
    fetch: async (request) =>
      new Response(`${new URL(request.url).pathname} ${await request.text()}`, { headers: { "content-type": request.headers.get("accept") ?? "text/plain" } }),
  });

  it("strips a base path on a segment boundary only", async () => {
    const handler = toAws(echo, { basePath: "/api/", variables: {} });
    const call = async (path: string) =>
      ((await handler(httpApiEvent({ method: "GET", path, query: undefined, headers: [["host", "h"]], body: undefined }), lambdaContext())) as { body: string }).body;
    expect(await call("/api/todos")).toBe("/todos ");
    expect(await call("/api")).toBe("/ ");
    expect(await call("/apix/todos")).toBe("/apix/todos ");
  });

  it("sends as text only the content types configured as text", async () => {
    const handler = toAws(echo, { textContentTypes: ["application/vnd.custom"], variables: {} });
    const call = async (accept: string) =>
      (await handler(httpApiEvent({ method: "GET", path: "/", query: undefined, headers: [["accept", accept]], body: undefined }), lambdaContext())) as {
        isBase64Encoded: boolean;
      };
    expect((await call("application/vnd.custom")).isBase64Encoded).toBe(false);
    expect((await call("text/plain")).isBase64Encoded).toBe(true);
  });

  it("answers 400 to a body marked base64 that is not, without calling the app", async () => {
    const { handler, seen, logs } = recorder();
    const event = Object.assign(fixture("binary-base64-body"), { body: "%%%not base64" });
    const answer = (await handler(event, lambdaContext())) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toBe("the request body is marked base64 but is not valid base64");
    expect(seen).toHaveLength(0);
    expect(logs.at(-1)).toMatchObject({ level: "warn", msg: "bad request" });
  });

  it("fails a whole SQS batch with a retry when partial failure reporting is off", async () => {
    const app = defineApp({ queue: (batch) => batch.messages[0]?.retry() });
    const handler = toAws(app, { reportBatchItemFailures: false, variables: {}, log: () => {} });
    await expect(handler(fixture("sqs"), lambdaContext())).rejects.toThrow(/1 message\(s\) to retry/);
    const ok = toAws(defineApp({ queue: () => {} }), { reportBatchItemFailures: false, variables: {} });
    expect(await ok(fixture("sqs"), lambdaContext())).toEqual({ batchItemFailures: [] });
  });

  it("takes the request id and the deadline from the Lambda context", async () => {
    let seen: { requestId: string; deadline: number | undefined } | undefined;
    const app = defineApp({ fetch: (_r, _e, ctx) => ((seen = { requestId: ctx.requestId, deadline: ctx.deadline }), new Response()) });
    const before = Date.now();
    await toAws(app, { variables: {} })(fixture("apigw-http-v2"), lambdaContext("lambda-id", 5000));
    expect(seen?.requestId).toBe("lambda-id");
    expect(seen?.deadline).toBeGreaterThanOrEqual(before + 4900);
    expect(seen?.deadline).toBeLessThanOrEqual(Date.now() + 5000);
  });
});

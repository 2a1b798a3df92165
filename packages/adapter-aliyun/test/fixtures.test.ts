import { readdirSync } from "node:fs";
import { expectSameShape, type HttpCase } from "@faasport/contract";
import { isFaasportError } from "@faasport/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { asBuffer, fc2Context, fc3Context, fixture } from "./fixtures";
import { fc2Request, fc3HttpEvent, invokeFc2, mnsJsonEvent, mnsStreamEvent } from "./harness";
import { recorder, rejection } from "./recorder";

const names = readdirSync(new URL("./fixtures", import.meta.url))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -5));

/** The samples that are FC 3.0 events; the others are contexts, the FC 2.0 request, and an unsupported trigger. */
const events = ["fc3-http", "fc3-http-doc-example", "timer", "oss", "mns-topic-json", "mns-topic-json-with-attributes", "mns-topic-stream-with-attributes"];

describe("every FC sample decodes to the neutral view", () => {
  // STREAM messages are stamped with the invocation's start: pin the clock so the snapshot is stable.
  beforeEach(() => vi.useFakeTimers({ now: Date.parse("2024-01-02T03:04:05.000Z"), toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  it("covers every fixture file", () => {
    expect(names.sort()).toEqual([...events, "context-fc2.from-docs", "context-fc3.from-docs", "context-fc3-runtime", "fc2-http-request.from-docs", "sls"].sort());
  });

  for (const name of events) {
    it(`${name}, delivered as FC 3.0 does: a Buffer`, async () => {
      const { seen, handler } = recorder();
      await handler(asBuffer(fixture(name)), fc3Context({ requestId: "fixture-request" }));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchSnapshot();
    });
  }

  it("an MNS STREAM message without attributes: the raw body, taken as a message of the configured topic", async () => {
    const { seen, handler } = recorder({ mnsTopic: "test-topic" });
    await handler(Buffer.from("hello topic"), fc3Context({ requestId: "fixture-request", retryCount: 1 }));
    expect(seen).toMatchSnapshot();
  });

  it("fc2-http-request.from-docs, through the FC 2.0 HTTP handler", async () => {
    const { seen, fc2 } = recorder();
    const req = Object.assign(fixture("fc2-http-request.from-docs"), { body: Buffer.from('{"a":1}') });
    const outcome = await invokeFc2(fc2, req as never, fc2Context("fixture-request"));
    expect(outcome.status).toBe(200);
    expect(seen).toMatchSnapshot();
  });
});

describe("the harness builds events shaped like the samples", () => {
  const request: HttpCase = {
    method: "POST",
    path: "/echo/a%20b",
    query: "a=1&a=2",
    headers: [
      ["Host", "h.example.com"],
      ["Cookie", "a=1"],
      ["Content-Type", "application/octet-stream"],
    ],
    body: new Uint8Array([1, 2, 3]),
  };
  const maps = ["$.headers", "$.queryParameters", "$.queries"];
  const message = { id: "m-1", body: '{"do":"ack"}', attempts: 1, sentAt: 1_700_000_000_000 };

  it("FC 3.0 HTTP trigger, against the capture and the documented example", () => {
    const built = fc3HttpEvent(request);
    expectSameShape(built, fixture("fc3-http"), { maps });
    expectSameShape(built, fixture("fc3-http-doc-example"), { maps, optional: ["$.requestContext.triggerId"] });
  });

  it("FC 2.0 HTTP request: the documented fields on a body stream", () => {
    // `queries` mixes strings and arrays, so it is compared key by key against the sample's own keys.
    const { headers, path, queries, method, clientIP, url } = fc2Request({ ...request, query: "key=v&multi=1&multi=2" });
    expectSameShape({ headers, path, queries, method, clientIP, url }, fixture("fc2-http-request.from-docs"), { maps: ["$.headers"] });
  });

  it("MNS JSON, with and without attributes", () => {
    const batch = { queue: "jobs", messages: [message] };
    expectSameShape(mnsJsonEvent(batch, message, false), fixture("mns-topic-json"));
    expectSameShape(mnsJsonEvent(batch, message, true), fixture("mns-topic-json-with-attributes"));
  });

  it("MNS STREAM: the body alone, or the body and attrs", () => {
    expect(mnsStreamEvent(message, false).toString()).toBe(message.body);
    expectSameShape(JSON.parse(mnsStreamEvent(message, true).toString()), fixture("mns-topic-stream-with-attributes"), { maps: ["$.attrs"] });
  });
});

describe("unknown events", () => {
  const { handler } = recorder();
  const cases: [string, unknown, RegExp][] = [
    ["null", null, /received null/],
    ["undefined", undefined, /received a undefined/],
    ["a Buffer that is not JSON (no mnsTopic set)", Buffer.from("hello topic"), /received a 11-character payload that is not JSON$/],
    ["bytes that are not UTF-8", Buffer.from([0xff, 0xfe, 0x00]), /received a 3-byte payload that is neither JSON nor UTF-8 text/],
    ["an SLS log trigger event", asBuffer(fixture("sls")), /keys: parameter, source, jobName, taskId, cursorTime/],
    ["an empty object", asBuffer({}), /received an empty object/],
    ["an S3 event", asBuffer({ Records: [{ eventSource: "aws:s3", s3: {} }] }), /keys: Records/],
    ["a v1 event without http context", asBuffer({ version: "v1", rawPath: "/", requestContext: {} }), /keys: version, rawPath, requestContext/],
    ["an OSS-like event from elsewhere", asBuffer({ events: [{ eventSource: "acs:mns" }] }), /keys: events/],
  ];
  for (const [label, event, message] of cases) {
    it(`rejects ${label} with a typed error naming it`, async () => {
      const error = await rejection(handler(event, fc3Context()));
      expect(isFaasportError(error, "UNSUPPORTED_EVENT")).toBe(true);
      expect((error as Error).message).toMatch(/^\[faasport\] \[aliyun\] unsupported event: /);
      expect((error as Error).message).toMatch(message);
    });
  }

  it("rejects an FC 2.0 call without a usable req or resp", async () => {
    const { fc2 } = recorder();
    const error = await rejection(fc2({ foo: 1 } as never, {} as never, fc2Context()));
    expect(isFaasportError(error, "UNSUPPORTED_EVENT")).toBe(true);
    expect((error as Error).message).toMatch(/req an object with keys: foo and resp an empty object/);
  });
});

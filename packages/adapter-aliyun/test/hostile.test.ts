import { toAliyun } from "@faasport/adapter-aliyun";
import { type HttpCase, recordingApp, rejection } from "@faasport/contract";
import { defineApp, isFaasportError } from "@faasport/core";
import { describe, expect, it } from "vitest";
import { asBuffer, fc3Context, fixture } from "./fixtures";
import { fc3HttpEvent } from "./harness";

/** Regressions found by fuzzing the FC adapter (see docs/reliability.md). */

it("a response header named `constructor` reaches the client intact (it came out as `function Object() …, c`)", async () => {
  const app = defineApp({ fetch: () => new Response("ok", { headers: [["constructor", "c"]] }) });
  const request: HttpCase = { method: "GET", path: "/", query: undefined, headers: [], body: undefined };
  const answer = (await toAliyun(app, { variables: {} })(asBuffer(fc3HttpEvent(request)), fc3Context())) as { headers: Record<string, string> };
  expect([Object.hasOwn(answer.headers, "constructor"), answer.headers["constructor"]]).toEqual([true, "c"]);
});

describe("malformed events", () => {
  const { app, seen } = recordingApp();
  const handler = toAliyun(app, { variables: {} });

  it("an OSS record whose event name is not a string is an unsupported event (it threw a TypeError)", async () => {
    const event = fixture<{ events: Record<string, unknown>[] }>("oss");
    event.events[0]!["eventName"] = [];
    expect(isFaasportError(await rejection(handler(asBuffer(event), fc3Context())), "UNSUPPORTED_EVENT")).toBe(true);
  });

  it("an MNS publish time a Date cannot hold falls back to the invocation's start; an attribute named __proto__ is kept", async () => {
    const event = { ...fixture("mns-topic-json"), PublishTime: 1e300 };
    const text = JSON.stringify(event).replace(/}$/, ',"__proto__":"kept"}');
    await handler(Buffer.from(text), fc3Context());
    const [message] = (seen.at(-1) as { messages: { timestamp: string; attributes: Record<string, string> }[] }).messages;
    expect([Number.isNaN(Date.parse(message!.timestamp)), Object.hasOwn(message!.attributes, "__proto__")]).toEqual([false, true]);
  });
});

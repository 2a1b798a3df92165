import { Readable } from "node:stream";
import { toAliyun, toAliyunFc2Http } from "@faasport/adapter-aliyun";
import {
  checkProperty,
  failOn,
  type FuzzMode,
  fuzzMode,
  httpAnswerProblem,
  httpCases,
  inspectingApp,
  jsonProblem,
  mutatedEvent,
  proxyAnswerOutcome,
  type Settlement,
} from "@faasport/contract";
import fc from "fast-check";
import { describe, it } from "vitest";
import { asBuffer, fc2Context, fc3Context, fixture } from "./fixtures";
import { fc2Request, fc3HttpEvent, invokeFc2 } from "./harness";

/**
 * Property tests of hostile input for both FC entries: events built from the
 * captured samples, mutated by the shared arbitraries, delivered as FC 3.0
 * delivers them (a Buffer of the JSON); FC 2.0 requests with mutated fields.
 */

const inspector = inspectingApp();
const options = { variables: {}, log: () => {} };
const handler = toAliyun(inspector.app, options);
const streamHandler = toAliyun(inspector.app, { ...options, mnsTopic: "jobs" });
const fc2Handler = toAliyunFc2Http(inspector.app, options);

const invoke = (run: () => Promise<unknown>, mode: FuzzMode): Promise<Settlement> => inspector.run(run, mode);

describe("HTTP, mutated", () => {
  it("FC 3.0 HTTP trigger: every event settles with a valid answer or a typed error", async () => {
    await checkProperty(fc.record({ mutated: mutatedEvent(httpCases().map(fc3HttpEvent)), mode: fuzzMode() }), async ({ mutated, mode }) => {
      const settled = await invoke(() => handler(asBuffer(mutated.event), fc3Context()), mode);
      if (settled.state !== "resolved" || settled.value === undefined) return;
      const answer = settled.value as Record<string, unknown>;
      failOn(jsonProblem(answer));
      failOn(httpAnswerProblem(proxyAnswerOutcome(answer), mode, inspector.lastMethod));
    });
  });

  it("FC 2.0 HTTP handler: every request settles with a valid answer or a typed error", async () => {
    const fields = httpCases().map((request) => {
      const { headers, path, queries, method, clientIP, url } = fc2Request(request);
      return { headers, path, queries, method, clientIP, url };
    });
    const body = fc.option(fc.uint8Array({ maxLength: 1024 }), { nil: undefined });
    await checkProperty(fc.record({ mutated: mutatedEvent(fields), body, mode: fuzzMode() }), async ({ mutated, body, mode }) => {
      // The runtime's req is a stream carrying these fields; a mutation that replaced them with a non-object leaves the bare stream.
      const req = Object.assign(Readable.from(body ? [Buffer.from(body)] : []), typeof mutated.event === "object" ? mutated.event : {});
      let outcome: Awaited<ReturnType<typeof invokeFc2>> | undefined;
      await invoke(async () => (outcome = await invokeFc2(fc2Handler, req as never, fc2Context())), mode);
      if (outcome) failOn(httpAnswerProblem(outcome, mode, inspector.lastMethod));
    });
  });
});

describe("event sources, mutated", () => {
  const samples = [
    ["timer", "timer"],
    ["OSS", "oss"],
    ["MNS topic (JSON)", "mns-topic-json-with-attributes"],
    ["MNS topic (STREAM)", "mns-topic-stream-with-attributes"],
  ] as const;
  for (const [name, sample] of samples) {
    it(`${name}: every event settles; a failing app fails the invocation`, async () => {
      await checkProperty(fc.record({ mutated: mutatedEvent(fixture(sample)), mode: fuzzMode(), stream: fc.boolean() }), async ({ mutated, mode, stream }) => {
        const settled = await invoke(() => (stream ? streamHandler : handler)(asBuffer(mutated.event), fc3Context()), mode);
        if (settled.state === "resolved") failOn(settled.value === undefined || "statusCode" in (settled.value as object) ? undefined : "a non-HTTP event answered");
      });
    });
  }

  it("MNS topic (STREAM) raw payloads, any bytes: one message each, never junk acknowledged without mnsTopic", async () => {
    await checkProperty(fc.record({ bytes: fc.uint8Array({ maxLength: 512 }), mode: fuzzMode(), stream: fc.boolean() }), async ({ bytes, mode, stream }) => {
      const settled = await invoke(() => (stream ? streamHandler : handler)(Buffer.from(bytes), fc3Context()), mode);
      if (!stream && settled.state === "resolved" && settled.value === undefined) failOn(`a raw payload was taken as an event: ${Buffer.from(bytes).toString("hex")}`);
    });
  });
});

import { toTencent } from "@faasport/adapter-tencent";
import { checkProperty, failOn, type FuzzMode, fuzzMode, httpAnswerProblem, httpCases, inspectingApp, jsonProblem, mutatedEvent, proxyAnswerOutcome } from "@faasport/contract";
import fc from "fast-check";
import { describe, it } from "vitest";
import { fixture, scfContext } from "./fixtures";
import { apiGatewayEvent, functionUrlEvent } from "./harness";

/** Property tests of hostile input for SCF: events built from the samples, mutated by the shared arbitraries. */

const inspector = inspectingApp();
const handler = toTencent(inspector.app, { variables: {}, log: () => {}, stripStage: true });

const invoke = (event: unknown, mode: FuzzMode) => inspector.run(() => handler(event, scfContext()), mode);

describe("HTTP, mutated", () => {
  const sources = [
    ["API Gateway", apiGatewayEvent],
    ["function URL", functionUrlEvent],
  ] as const;
  for (const [name, build] of sources) {
    it(`${name}: every event settles with a valid answer or a typed error`, async () => {
      await checkProperty(fc.record({ mutated: mutatedEvent(httpCases().map((request) => build(request))), mode: fuzzMode() }), async ({ mutated, mode }) => {
        const settled = await invoke(mutated.event, mode);
        if (settled.state !== "resolved" || settled.value === undefined) return;
        const answer = settled.value as Record<string, unknown>;
        failOn(jsonProblem(answer));
        failOn(httpAnswerProblem(proxyAnswerOutcome(answer), mode, inspector.lastMethod));
      });
    });
  }
});

describe("event sources, mutated", () => {
  const samples = [
    ["timer", "timer"],
    ["timer (captured)", "timer-capitalized.scf-go-lib"],
    ["CMQ topic", "cmq-topic-tags.scf-go-lib"],
    ["CKafka", "ckafka"],
    ["COS", "cos-put"],
  ] as const;
  for (const [name, sample] of samples) {
    it(`${name}: every event settles; a failing app fails the invocation`, async () => {
      await checkProperty(fc.record({ mutated: mutatedEvent(fixture(sample)), mode: fuzzMode() }), async ({ mutated, mode }) => {
        const settled = await invoke(mutated.event, mode);
        if (settled.state === "resolved") failOn(settled.value === undefined || "statusCode" in (settled.value as object) ? undefined : "a non-HTTP event answered");
      });
    });
  }
});

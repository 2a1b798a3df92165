import { toAws } from "@faasport/adapter-aws";
import {
  checkProperty,
  failOn,
  type FuzzMode,
  fuzzMode,
  hostileText,
  httpAnswerProblem,
  type HttpCase,
  httpCases,
  inspectingApp,
  jsonProblem,
  mutatedEvent,
  proxyAnswerOutcome,
} from "@faasport/contract";
import type { LogRecord } from "@faasport/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixture, lambdaContext } from "./fixtures";
import { albEvent, httpApiEvent, restApiEvent } from "./harness";

/**
 * Property tests of hostile input: events built from the captured samples
 * (through the harness builders, so they start out valid), then mutated by
 * the shared arbitraries of `@faasport/contract`. Whatever arrives, the
 * handler settles in time, rejects only with a typed error, answers HTTP
 * with 400 or (for an app failure) 500, and hands the app a valid view.
 */

const inspector = inspectingApp();
const logs: LogRecord[] = [];
const handler = toAws(inspector.app, { variables: {}, log: (record) => logs.push(record) });

type Answer = Record<string, unknown>;

async function invoke(event: unknown, mode: FuzzMode) {
  logs.length = 0;
  return inspector.run(() => handler(event, lambdaContext()), mode);
}

const httpSources: [string, (request: HttpCase) => unknown][] = [
  ["REST API (v1)", restApiEvent],
  ["HTTP API (v2)", (request) => httpApiEvent(request)],
  ["Function URL", (request) => httpApiEvent(request, true)],
  ["ALB", (request) => albEvent(request, false)],
  ["ALB multi-value", (request) => albEvent(request, true)],
];

describe("HTTP events, mutated", () => {
  for (const [name, build] of httpSources) {
    it(`${name}: every event settles with a valid answer or a typed error`, async () => {
      await checkProperty(fc.record({ mutated: mutatedEvent(httpCases().map(build)), mode: fuzzMode() }), async ({ mutated, mode }) => {
        const settled = await invoke(mutated.event, mode);
        if (settled.state !== "resolved" || typeof settled.value !== "object" || settled.value === null || !("statusCode" in settled.value)) return;
        const answer = settled.value as Answer;
        failOn(jsonProblem(answer));
        const outcome = proxyAnswerOutcome(answer, answer["multiValueHeaders"] ?? answer["headers"], (answer["cookies"] as string[] | undefined) ?? []);
        failOn(httpAnswerProblem(outcome, mode, inspector.lastMethod));
      });
    });
  }
});

/** A batch of 1 to 5 SQS records from the captured sample, with hostile bodies and attributes. */
const sqsBatches = fc.array(fc.record({ body: hostileText(), attribute: hostileText() }), { minLength: 1, maxLength: 5 }).map((messages) => {
  const [template] = fixture<{ Records: Record<string, unknown>[] }>("sqs").Records;
  return {
    Records: messages.map(({ body, attribute }, index) => ({
      ...structuredClone(template),
      messageId: `m-${index}`,
      body,
      messageAttributes: { a: { stringValue: attribute, dataType: "String" } },
    })),
  };
});

describe("event sources, mutated", () => {
  it("SQS: every batch settles; a failing app leaves every message to be redelivered", async () => {
    await checkProperty(fc.record({ mutated: mutatedEvent(sqsBatches), mode: fuzzMode() }), async ({ mutated, mode }) => {
      const settled = await invoke(mutated.event, mode);
      if (settled.state !== "resolved") return;
      const { batchItemFailures } = settled.value as { batchItemFailures: { itemIdentifier: unknown }[] };
      expect(batchItemFailures.every((failure) => typeof failure.itemIdentifier === "string")).toBe(true);
      if (mode === "ok") expect(batchItemFailures).toEqual([]);
      else expect(batchItemFailures.length).toBe((mutated.event as { Records: unknown[] }).Records.length);
    });
  });

  for (const [name, sample] of [
    ["EventBridge", "eventbridge-scheduled"],
    ["S3", "s3-put"],
  ] as const) {
    it(`${name}: every event settles; a failing app fails the invocation`, async () => {
      await checkProperty(fc.record({ mutated: mutatedEvent(fixture(sample)), mode: fuzzMode() }), async ({ mutated, mode }) => {
        const settled = await invoke(mutated.event, mode);
        if (settled.state === "resolved") expect(settled.value).toBeUndefined();
      });
    });
  }
});

import { toAws } from "@faasport/adapter-aws";
import {
  checkProperty,
  crashCases,
  failedAnswerProblem,
  failedRunProblem,
  failOn,
  faultRequest,
  httpFaults,
  proxyAnswerOutcome,
  redeliveryProblem,
  useFaultyApp,
} from "@faasport/contract";
import { describe, expect, it } from "vitest";
import { fixture, lambdaContext } from "./fixtures";
import { albEvent, httpApiEvent, restApiEvent } from "./harness";

/**
 * Faults on Lambda: handlers that throw, reject or outlive the deadline the
 * Lambda context gives (`getRemainingTimeInMillis`), and queue handlers that
 * crash in the middle of a batch. Logs go through the default sink, so each
 * failure is proven to be one JSON line.
 */

const kit = useFaultyApp();
const { faulty } = kit;
const handler = toAws(faulty.app, { variables: {} });
const noPartialFailures = toAws(faulty.app, { variables: {}, reportBatchItemFailures: false });

const sources: [string, unknown][] = [
  ["REST API", restApiEvent(faultRequest)],
  ["HTTP API", httpApiEvent(faultRequest)],
  ["ALB multi-value", albEvent(faultRequest, true)],
];

describe("HTTP: a failing handler", () => {
  for (const [name, event] of sources) {
    for (const [fault, status] of httpFaults) {
      it(`${name}: ${fault} answers ${status} with the request id only, and logs one line`, async () => {
        faulty.fault = fault;
        // 700 ms left: with the default 500 ms margin, the 504 comes after about 200 ms.
        const answer = (await handler(structuredClone(event), lambdaContext(`req-${fault}`, 700))) as unknown as Record<string, unknown>;
        const outcome = proxyAnswerOutcome(answer, answer["multiValueHeaders"] ?? answer["headers"]);
        failOn(failedAnswerProblem({ ...outcome, body: new TextDecoder().decode(outcome.body) }, status, `req-${fault}`, kit.lines));
        expect(kit.other).toEqual([]);
      });
    }
  }
});

function sqsEvent(size: number) {
  const [template] = fixture<{ Records: Record<string, unknown>[] }>("sqs").Records;
  return { Records: Array.from({ length: size }, (_, index) => ({ ...structuredClone(template), messageId: `m${index}`, body: JSON.stringify({ n: index }) })) };
}

describe("SQS: a handler that crashes mid-batch", () => {
  it("leaves every message it did not ack to be redelivered, and only those (partial batch response)", async () => {
    await checkProperty(
      crashCases(),
      async ({ size, crashAt, fault }) => {
        faulty.acked.length = 0;
        Object.assign(faulty, { fault, crashAt });
        const event = sqsEvent(size);
        const answer = (await handler(event, lambdaContext(undefined, 600))) as { batchItemFailures: { itemIdentifier: string }[] };
        const ids = event.Records.map((record) => record.messageId);
        failOn(
          redeliveryProblem(
            ids,
            faulty.acked,
            answer.batchItemFailures.map((failure) => failure.itemIdentifier),
            true,
          ),
        );
      },
      { numRuns: 60 },
    );
  });

  it("fails the whole invocation when the mapping cannot report partial failures, so nothing is lost", async () => {
    await checkProperty(
      crashCases(),
      async ({ size, crashAt, fault }) => {
        faulty.acked.length = 0;
        Object.assign(faulty, { fault, crashAt });
        const event = sqsEvent(size);
        const failed = await noPartialFailures(event, lambdaContext(undefined, 600)).then(
          () => false,
          () => true,
        );
        const ids = event.Records.map((record) => record.messageId);
        failOn(redeliveryProblem(ids, faulty.acked, failed ? ids : [], false));
      },
      { numRuns: 30 },
    );
  });
});

describe("EventBridge and S3: a failing run fails the invocation, so Lambda retries it", () => {
  for (const sample of ["eventbridge-scheduled", "s3-put"]) {
    for (const [fault] of httpFaults) {
      it(`${sample}: ${fault}`, async () => {
        faulty.fault = fault;
        failOn(await failedRunProblem(handler(fixture(sample), lambdaContext("req-task", 600)), kit.lines));
      });
    }
  }
});

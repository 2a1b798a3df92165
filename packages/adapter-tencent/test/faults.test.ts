import { toTencent } from "@faasport/adapter-tencent";
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
import { describe, it } from "vitest";
import { fixture, scfContext } from "./fixtures";
import { apiGatewayEvent, ckafkaEvent, cmqEvent, functionUrlEvent } from "./harness";

/**
 * Faults on SCF: handlers that throw, reject or outlive the deadline SCF's
 * context gives (`getRemainingTimeInMillis`), and CMQ / CKafka batches whose
 * handler crashes midway. Logs go through the default sink.
 */

const kit = useFaultyApp();
const { faulty } = kit;
const handler = toTencent(faulty.app, { variables: {} });

describe("HTTP: a failing handler", () => {
  for (const [name, event] of [
    ["API Gateway", apiGatewayEvent(faultRequest)],
    ["function URL", functionUrlEvent(faultRequest)],
  ] as const) {
    for (const [fault, status] of httpFaults) {
      it(`${name}: ${fault} answers ${status} with the request id only, and logs one line`, async () => {
        faulty.fault = fault;
        const answer = (await handler(structuredClone(event), scfContext(`req-${fault}`, 700))) as unknown as Record<string, unknown>;
        const outcome = proxyAnswerOutcome(answer);
        failOn(failedAnswerProblem({ ...outcome, body: new TextDecoder().decode(outcome.body) }, status, `req-${fault}`, kit.lines));
      });
    }
  }
});

describe("CMQ and CKafka: a handler that crashes mid-batch", () => {
  const batchOf = (size: number) => ({ queue: "jobs", messages: Array.from({ length: size }, (_, index) => ({ id: `m${index}`, body: "{}", attempts: 1, sentAt: Date.now() })) });
  for (const [name, build] of [
    ["CMQ", (size: number) => ({ event: cmqEvent(batchOf(size)), ids: undefined })],
    ["CKafka", (size: number) => ckafkaEvent(batchOf(size))],
  ] as const) {
    it(`${name}: fails the invocation, so SCF delivers the whole batch again and nothing is lost`, async () => {
      await checkProperty(
        crashCases(),
        async ({ size, crashAt, fault }) => {
          faulty.acked.length = 0;
          Object.assign(faulty, { fault, crashAt });
          const { event, ids } = build(size);
          const failed = await handler(event, scfContext(undefined, 600)).then(
            () => false,
            () => true,
          );
          const all = batchOf(size).messages.map((message) => ids?.[message.id] ?? message.id);
          failOn(redeliveryProblem(all, faulty.acked, failed ? all : [], false));
        },
        { numRuns: 30 },
      );
    });
  }
});

describe("timer and COS: a failing run fails the invocation, so SCF retries it", () => {
  for (const sample of ["timer", "cos-put"]) {
    for (const [fault] of httpFaults) {
      it(`${sample}: ${fault}`, async () => {
        faulty.fault = fault;
        failOn(await failedRunProblem(handler(fixture(sample), scfContext("req-task", 600)), kit.lines));
      });
    }
  }
});

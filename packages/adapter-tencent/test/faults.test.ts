import { toTencent } from "@faasport/adapter-tencent";
import {
  answerBody,
  answerHeaders,
  captureJsonLines,
  checkProperty,
  crashCases,
  failedAnswerProblem,
  failOn,
  type FaultKind,
  faultyApp,
  type HttpCase,
  redeliveryProblem,
} from "@faasport/contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture, scfContext } from "./fixtures";
import { apiGatewayEvent, ckafkaEvent, cmqEvent, functionUrlEvent } from "./harness";

/**
 * Faults on SCF: handlers that throw, reject or outlive the deadline SCF's
 * context gives (`getRemainingTimeInMillis`), and CMQ / CKafka batches whose
 * handler crashes midway. Logs go through the default sink.
 */

const faulty = faultyApp();
const handler = toTencent(faulty.app, { variables: {} });
let capture: ReturnType<typeof captureJsonLines>;
beforeEach(() => {
  capture = captureJsonLines();
  faulty.acked.length = 0;
});
afterEach(() => capture.restore());

const request: HttpCase = { method: "POST", path: "/orders", query: "a=1", headers: [["content-type", "application/json"]], body: new TextEncoder().encode("{}") };
const faults: [FaultKind, number][] = [
  ["throw", 500],
  ["reject", 500],
  ["hang", 504],
];

describe("HTTP: a failing handler", () => {
  for (const [name, event] of [
    ["API Gateway", apiGatewayEvent(request)],
    ["function URL", functionUrlEvent(request)],
  ] as const) {
    for (const [fault, status] of faults) {
      it(`${name}: ${fault} answers ${status} with the request id only, and logs one line`, async () => {
        faulty.fault = fault;
        const answer = (await handler(structuredClone(event), scfContext(`req-${fault}`, 700))) as unknown as Record<string, unknown>;
        const { headers } = answerHeaders(answer["headers"] as Record<string, string>);
        const body = new TextDecoder().decode(answerBody(answer["body"], answer["isBase64Encoded"]));
        failOn(failedAnswerProblem({ status: Number(answer["statusCode"]), headers, body }, status, `req-${fault}`, capture.lines));
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
    for (const [fault] of faults) {
      it(`${sample}: ${fault}`, async () => {
        faulty.fault = fault;
        const error = await handler(fixture(sample), scfContext("req-task", 600)).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect((error as Error).name).toBe("Error");
        expect(capture.lines.filter((line) => line.level === "error")).toHaveLength(1);
      });
    }
  }
});

import { toAliyun, toAliyunFc2Http } from "@faasport/adapter-aliyun";
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
import { asBuffer, fc2Context, fc3Context, fixture } from "./fixtures";
import { fc2Request, fc3HttpEvent, invokeFc2, mnsJsonEvent } from "./harness";

/**
 * Faults on FC: handlers that throw, reject or outlive the deadline FC's
 * context gives (`function.timeout`, seconds, counted from the call), and
 * MNS messages whose handler crashes. Logs go through the default sink.
 */

const kit = useFaultyApp();
const { faulty } = kit;
const handler = toAliyun(faulty.app, { variables: {} });
const fc2Handler = toAliyunFc2Http(faulty.app, { variables: {} });

/** A 1 s function timeout (FC's smallest): with the default 500 ms margin, the 504 comes after about 500 ms. */
const shortContext = (requestId: string) => ({ ...fc3Context({ requestId }), function: { name: "f", timeout: 1 } });

describe("HTTP: a failing handler", () => {
  for (const [fault, status] of httpFaults) {
    it(`FC 3.0 HTTP trigger: ${fault} answers ${status} with the request id only, and logs one line`, async () => {
      faulty.fault = fault;
      const answer = (await handler(asBuffer(fc3HttpEvent(faultRequest)), shortContext(`req-${fault}`))) as unknown as Record<string, unknown>;
      const outcome = proxyAnswerOutcome(answer);
      failOn(failedAnswerProblem({ ...outcome, body: new TextDecoder().decode(outcome.body) }, status, `req-${fault}`, kit.lines));
    });

    it(`FC 2.0 HTTP handler: ${fault} answers ${status} with the request id only, and logs one line`, async () => {
      faulty.fault = fault;
      const outcome = await invokeFc2(fc2Handler, fc2Request(faultRequest), { ...fc2Context(`req2-${fault}`), function: { name: "f", timeout: 1 } });
      failOn(failedAnswerProblem({ ...outcome, body: new TextDecoder().decode(outcome.body) }, status, `req2-${fault}`, kit.lines));
    });
  }
});

describe("MNS: a handler that crashes", () => {
  it("fails the invocation of every message it did not finish (MNS delivers one message per invocation), so FC delivers it again", async () => {
    await checkProperty(
      crashCases(),
      async ({ size, crashAt, fault }) => {
        faulty.acked.length = 0;
        const ids = Array.from({ length: size }, (_, index) => `m${index}`);
        const redelivered: string[] = [];
        // Each message is its own invocation: the app gets a batch of one and crashes unless crashAt lets it ack that one.
        for (const id of ids) {
          Object.assign(faulty, { fault, crashAt: Number(id.slice(1)) < crashAt ? 1 : 0 });
          const event = mnsJsonEvent({ queue: "jobs", messages: [] }, { id, body: "{}", attempts: 1, sentAt: Date.now() }, false);
          const failed = await handler(asBuffer(event), shortContext(`req-${id}`)).then(
            () => false,
            () => true,
          );
          if (failed) redelivered.push(id);
        }
        // An acked message whose handler then threw fails its invocation too: MNS cannot be told it was done.
        const finished = faulty.acked.filter((id) => !redelivered.includes(id));
        failOn(redeliveryProblem(ids, finished, redelivered, true));
      },
      { numRuns: 8 },
    );
  });
});

describe("timer and OSS: a failing run fails the invocation, so FC retries it", () => {
  for (const sample of ["timer", "oss"]) {
    for (const [fault] of httpFaults) {
      it(`${sample}: ${fault}`, async () => {
        faulty.fault = fault;
        failOn(await failedRunProblem(handler(asBuffer(fixture(sample)), shortContext("req-task")), kit.lines));
      });
    }
  }
});

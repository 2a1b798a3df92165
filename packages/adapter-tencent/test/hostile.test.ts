import { toTencent } from "@faasport/adapter-tencent";
import { type HttpCase, recordingApp, rejection } from "@faasport/contract";
import { defineApp, isFaasportError } from "@faasport/core";
import { expect, it } from "vitest";
import { fixture, scfContext } from "./fixtures";
import { apiGatewayEvent } from "./harness";

/** Regressions found by fuzzing the SCF adapter (see docs/reliability.md). */

it("a response header named `constructor` reaches the client intact (it came out as `function Object() …, c`)", async () => {
  const app = defineApp({ fetch: () => new Response("ok", { headers: [["constructor", "c"]] }) });
  const request: HttpCase = { method: "GET", path: "/", query: undefined, headers: [], body: undefined };
  const answer = (await toTencent(app, { variables: {} })(apiGatewayEvent(request), scfContext())) as { headers: Record<string, string> };
  expect([Object.hasOwn(answer.headers, "constructor"), answer.headers["constructor"]]).toEqual([true, "c"]);
});

it("CMQ, CKafka and COS records missing what names them are unsupported events, not TypeErrors or junk queue names", async () => {
  const { app, seen } = recordingApp();
  const handler = toTencent(app, { variables: {} });
  const cmq = fixture<{ Records: { CMQ: Record<string, unknown> }[] }>("cmq-topic.from-docs");
  cmq.Records[0]!.CMQ["topicName"] = { x: 1 };
  const kafka = fixture<{ Records: { Ckafka: Record<string, unknown> }[] }>("ckafka");
  kafka.Records[0]!.Ckafka["topic"] = {};
  const cos = fixture<{ Records: { cos: Record<string, unknown> }[] }>("cos-put");
  cos.Records[0]!.cos["cosObject"] = {};
  for (const event of [cmq, kafka, cos]) expect(isFaasportError(await rejection(handler(event, scfContext())), "UNSUPPORTED_EVENT")).toBe(true);
  expect(seen).toEqual([]);
});

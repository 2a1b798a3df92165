import { type NodeServer, serve } from "@faasport/adapter-node";
import { checkProperty, failOn, fuzzMode, httpAnswerProblem, httpCases, inspectingApp } from "@faasport/contract";
import type { LogRecord } from "@faasport/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RawAnswer, requestBytes, sendRaw } from "./raw-http";

/**
 * Property tests of hostile input on a real socket: requests a client can
 * send (UTF-8 header values, every method token, hostile paths), then the
 * same bytes mutated (control bytes, truncation, junk Content-Length and
 * chunking, oversized headers). Node's parser refuses what is not HTTP with
 * its own 400/431; whatever it lets through, faasport answers; the server
 * never hangs a connection or stops serving.
 */

const inspector = inspectingApp();
const logs: LogRecord[] = [];
let server: NodeServer;
beforeAll(async () => {
  server = await serve(inspector.app, { port: 0, variables: {}, log: (record) => logs.push(record), maxBodyBytes: 64 * 1024 });
});
afterAll(() => server.close());

/** Statuses Node's own parser answers a malformed request with: 400, 413 (ours, over maxBodyBytes), 431 (headers too large), 505. */
const parserStatuses = new Set([400, 413, 431, 505]);

function answerProblem(answer: RawAnswer, mode: Parameters<typeof httpAnswerProblem>[1]): string | undefined {
  if (answer.kind === "hung") return "the connection hung";
  // Node closes a connection it cannot parse at all, sometimes without a word (an invalid method before any header, say).
  if (answer.kind !== "answer") return undefined;
  if (inspector.lastMethod === "") return parserStatuses.has(answer.outcome.status) ? undefined : `status ${answer.outcome.status} though the app was never called`;
  return httpAnswerProblem(answer.outcome, mode, inspector.lastMethod);
}

async function stillServing(): Promise<void> {
  inspector.begin("ok");
  const answer = await sendRaw(server.port, requestBytes({ method: "GET", path: "/alive", query: undefined, headers: [["Host", "h"]], body: undefined }));
  expect(answer.kind === "answer" && answer.outcome.status).toBe(200);
}

describe("node:http, on a real socket", () => {
  it("requests a client can send: the app's answer, a 400, or a 500 with the request id for an app failure", async () => {
    await checkProperty(fc.record({ request: httpCases(), mode: fuzzMode() }), async ({ request, mode }) => {
      inspector.begin(mode);
      failOn(answerProblem(await sendRaw(server.port, requestBytes(request)), mode), ...inspector.problems);
    });
    await stillServing();
  });

  const damage = fc.oneof(
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant("header" as const),
      line: fc.constantFrom(
        "Content-Length: -1",
        "Content-Length: 10\r\nContent-Length: 20",
        "Content-Length: 99999999999999999999",
        "Transfer-Encoding: chunked",
        "Transfer-Encoding: gzip, chunked",
        "X-Folded: a\r\n b",
        "X-Nul: a\u0000b",
        "Host: a b/c",
        "Host:",
        `X-Huge: ${"a".repeat(20_000)}`,
        "Bad Name: x",
      ),
    }),
  );
  it("the same requests damaged on the wire: never a hang, never a crash, the server keeps serving", async () => {
    await checkProperty(fc.record({ request: httpCases(), damage, mode: fuzzMode() }), async ({ request, damage, mode }) => {
      inspector.begin(mode);
      let bytes = requestBytes(request);
      const at = damage.kind === "header" ? bytes.indexOf("\r\n") + 2 : damage.at % (bytes.length + 1);
      if (damage.kind === "insert") bytes = Buffer.concat([bytes.subarray(0, at), damage.bytes, bytes.subarray(at)]);
      else if (damage.kind === "truncate") bytes = bytes.subarray(0, at);
      else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(`${damage.line}\r\n`, "latin1"), bytes.subarray(at)]);
      failOn(answerProblem(await sendRaw(server.port, bytes), mode), ...inspector.problems);
    });
    await stillServing();
  });
});

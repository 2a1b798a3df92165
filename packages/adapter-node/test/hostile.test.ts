import { type NodeServer, serve } from "@faasport/adapter-node";
import { defineApp, type LogRecord } from "@faasport/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendRaw } from "./raw-http";

/** Regressions found by fuzzing node:http (see docs/reliability.md). */

const logs: LogRecord[] = [];
const seen: string[] = [];
let server: NodeServer;
beforeAll(async () => {
  const app = defineApp({
    fetch(request) {
      const url = new URL(request.url);
      seen.push(url.href);
      // The app copies a query value into a header, as apps copying input into answers do.
      return new Response("ok", { headers: [["x-echo", url.searchParams.get("v") ?? ""]] });
    },
  });
  server = await serve(app, { port: 0, variables: {}, log: (record) => logs.push(record) });
});
afterAll(() => server.close());

const send = (text: string) => sendRaw(server.port, Buffer.from(text, "latin1"));

describe("a header value Node refuses to send", () => {
  for (const [name, value] of [
    ["a character past U+00FF", "%E6%9D%B1"],
    ["a control character", "a%01b"],
    ["CR LF (an injection attempt)", "a%0D%0ASet-Cookie:%20injected=1"],
  ] as const) {
    it(`${name}: a logged 500 with the request id, nothing of the refused answer, no injected header`, async () => {
      logs.length = 0;
      const answer = await send(`GET /?v=${value} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n`);
      if (answer.kind !== "answer") throw new Error(`no answer: ${answer.kind}`);
      const requestId = answer.outcome.headers.find(([header]) => header === "x-request-id")?.[1];
      expect(answer.outcome.status).toBe(500);
      expect(JSON.parse(new TextDecoder().decode(answer.outcome.body))).toEqual({ error: "Internal Server Error", requestId });
      expect(answer.outcome.headers.map(([header]) => header)).not.toContain("x-echo");
      expect(answer.outcome.cookies).toEqual([]);
      expect(logs).toEqual([expect.objectContaining({ level: "error", requestId })]);
    });
  }
});

describe("request targets and hosts Node passes unchecked reach the app as a parsable URL", () => {
  for (const [name, text, url] of [
    ["a Host that is not a host", "GET /a?b=1 HTTP/1.1\r\nHost: a b/c\r\n\r\n", "http://localhost/a?b=1"],
    ["an absolute-form target", "GET http://elsewhere.example/x?y=1 HTTP/1.1\r\nHost: h\r\n\r\n", "http://h/x?y=1"],
    ["OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n", "http://h/"],
  ] as const) {
    it(name, async () => {
      seen.length = 0;
      const answer = await send(text.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
      expect(answer.kind === "answer" && answer.outcome.status).toBe(200);
      expect(seen).toEqual([url]);
    });
  }
});

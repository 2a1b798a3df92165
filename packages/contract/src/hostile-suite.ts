import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkProperty, failOn } from "./fuzz-property";
import { hostileText } from "./fuzz";
import type { HarnessDefinition, HttpOutcome, PayloadInfo } from "./harness";
import { seededBytes } from "./payloads";
import { type SuiteContext, useHarness } from "./suite-context";

/**
 * Bodies and headers under hostile input, through the same harnesses as the
 * contract suite (so through workerd and a real socket where the contract
 * goes there): binary bodies from 0 bytes to the platform's limit make the
 * round trip byte for byte, what happens past the limit is what the harness
 * declares, CR/LF copied into an answer header never injects a header, and
 * non-ASCII header values arrive unmangled. An adapter's test file calls it
 * once per HTTP event source.
 *
 * @example
 * import { runHostileHttpSuite } from "@faasport/contract";
 * import { awsHarnesses } from "./harness";
 * for (const harness of awsHarnesses) if (harness.kinds.includes("http")) runHostileHttpSuite(harness);
 */
export function runHostileHttpSuite(definition: HarnessDefinition): void {
  describe(`hostile input: ${definition.name}`, () => {
    const context = useHarness(definition);
    if (definition.payload) payloadCases(context, definition.payload);
    headerCases(context, definition.headerEncoding ?? "latin1");
  });
}

const decoder = new TextDecoder();
/** Every real client sends a Host (HTTP/1.1 servers refuse a request without one). */
const host = ["host", "contract.example.com"] as const;
const header = (outcome: HttpOutcome, name: string): string | undefined => outcome.headers.find(([key]) => key === name)?.[1];

function firstDifference(actual: Uint8Array, expected: Uint8Array): string | undefined {
  if (actual.byteLength !== expected.byteLength) return `${actual.byteLength} bytes came back for ${expected.byteLength}`;
  const at = expected.findIndex((byte, index) => actual[index] !== byte);
  return at === -1 ? undefined : `byte ${at} differs`;
}

function payloadCases(context: SuiteContext, payload: PayloadInfo): void {
  const http = (...args: Parameters<NonNullable<ReturnType<SuiteContext["harness"]>["http"]>>) => context.harness().http!(...args);
  const max = payload.maxBodyBytes;
  // Sizes spread evenly over orders of magnitude, so small and huge bodies are both met.
  const sizes = fc.integer({ min: 0, max: Math.round(Math.log2(max) * 16) }).map((step) => Math.min(max, Math.floor(2 ** (step / 16)) - 1));

  it(`binary bodies from 0 bytes to ${max} make the round trip byte for byte (${payload.source})`, { timeout: 180_000 }, async () => {
    await checkProperty(
      fc.record({ size: sizes, seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }),
      async ({ size, seed }) => {
        const body = seededBytes(size, seed);
        const outcome = await http({ method: "POST", path: "/binary-echo", query: undefined, headers: [host, ["content-type", "application/octet-stream"]], body });
        failOn(outcome.status === 200 ? firstDifference(outcome.body, body) : `status ${outcome.status} for a body of ${size} bytes`);
      },
      // The edges always run: nothing, one byte, and exactly the limit.
      { numRuns: 16, timeoutMs: 60_000, examples: [0, 1, max].map((size) => ({ size, seed: size + 1 })) },
    );
  });

  if (payload.past === "answer-too-large") {
    it(`an answer past the platform's limit is a 500 saying so, with the request id, and one log line (${payload.source})`, { timeout: 60_000 }, async () => {
      const outcome = await http({ method: "GET", path: "/binary", query: `size=${payload.pastBodyBytes}&seed=7`, headers: [host], body: undefined });
      const requestId = header(outcome, "x-request-id");
      expect(outcome.status).toBe(500);
      expect(JSON.parse(decoder.decode(outcome.body))).toEqual({ error: "Response Too Large", requestId });
      expect((await context.logs()).filter((record) => record.requestId === requestId && record.level === "error")).toEqual([
        expect.objectContaining({ msg: "the response is too large for the platform" }),
      ]);
    });
  } else if (payload.past === "request-too-large") {
    it(`a request body past faasport's limit is refused with a 413 that says so (${payload.source})`, { timeout: 60_000 }, async () => {
      const outcome = await http({
        method: "POST",
        path: "/binary-echo",
        query: undefined,
        headers: [host, ["content-type", "application/octet-stream"]],
        body: new Uint8Array(payload.pastBodyBytes),
      });
      expect(outcome.status).toBe(413);
      expect(decoder.decode(outcome.body)).toMatch(/larger than \d+ bytes/);
    });
  }
}

/** What `Headers` makes of a value: leading and trailing HTTP whitespace removed (Fetch, "normalize"). */
const normalized = (value: string): string => value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");

/** The string a Latin-1 reader (Node's HTTP client) makes of a value written as UTF-8 bytes. */
const asUtf8Bytes = (text: string): string => String.fromCharCode(...new TextEncoder().encode(text));

function headerCases(context: SuiteContext, encoding: "latin1" | "utf-8"): void {
  // What the client reads back for a value the app set, and what it sends for one it means the app to see.
  const onWire = encoding === "utf-8" ? asUtf8Bytes : (text: string) => text;
  const http = (...args: Parameters<NonNullable<ReturnType<SuiteContext["harness"]>["http"]>>) => context.harness().http!(...args);
  const injections = fc.constantFrom("a\r\nSet-Cookie: injected=1", "a\nX-Injected: 1", "a\rX-Injected: 1", "\r\n\r\nHTTP/1.1 200 OK\r\nX-Injected: 1", "a\u0000b", "acmé", "東京");
  const values = fc.oneof(
    injections,
    hostileText().filter((text) => text.length <= 512),
  );

  it("CR/LF or any other character copied into an answer header never injects a header: the value is sent intact, or the answer is a 500", async () => {
    await checkProperty(
      fc.record({ value: values, style: fc.constantFrom("object", "array", "headers", "cookie") }),
      async ({ value, style }) => {
        const sent = value.toWellFormed();
        const outcome = await http({ method: "GET", path: "/echo-header", query: `v=${encodeURIComponent(sent)}&style=${style}`, headers: [host], body: undefined });
        const all = [...outcome.headers, ...outcome.cookies.map((cookie) => ["set-cookie", cookie] as const)];
        const injected = all.find(([name, text]) => /[\r\n\0]/.test(text) || name === "x-injected" || (name === "set-cookie" && text.startsWith("injected")));
        if (injected) failOn(`injected: ${JSON.stringify(injected)}`);
        if (outcome.status === 500) {
          failOn(Object.keys(JSON.parse(decoder.decode(outcome.body)) as object).join() === "error,requestId" ? undefined : `500 body ${decoder.decode(outcome.body)}`);
          return;
        }
        const [echoed, expected] = style === "cookie" ? [outcome.cookies[0], onWire(normalized(`echo=${sent}`))] : [header(outcome, "x-echo"), onWire(normalized(sent))];
        if (outcome.status !== 200) failOn(`status ${outcome.status}`);
        // A control character HTTP forbids in a field value may never go out, even where the Fetch API let it through.
        if (/[\u0000-\u0008\u000A-\u001F\u007F]/.test(expected)) failOn(`a control character was sent: ${JSON.stringify(echoed)}`);
        failOn(echoed === expected ? undefined : `sent ${JSON.stringify(sent)}, the client got ${JSON.stringify(echoed)}`);
      },
      { numRuns: 60 },
    );
  });

  it(`non-ASCII header values arrive as the platform delivers them (${encoding} on the wire), unmangled both ways: \`acmé\` stays \`acmé\``, async () => {
    const outcome = await http({ method: "GET", path: "/echo-header", query: "v=acm%C3%A9", headers: [host, ["x-org", onWire("acmé")]], body: undefined });
    expect([outcome.status, header(outcome, "x-echo"), (JSON.parse(decoder.decode(outcome.body)) as { org: string }).org]).toEqual([200, onWire("acmé"), "acmé"]);
  });
}

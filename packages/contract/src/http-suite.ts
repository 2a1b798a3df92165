import { expect, it } from "vitest";
import { type EchoReport, responseCookies, unicodeText } from "./app";
import { seededBytes, toBase64, utf8 } from "./payloads";
import type { HttpCase, HttpOutcome } from "./harness";
import { eventually, type SuiteContext, uniqueId } from "./suite-context";

const decoder = new TextDecoder();

type CaseInput = Partial<HttpCase> & { readonly path: string };

/** Values of one name, in order, from pairs. */
function valuesOf(pairs: readonly (readonly [string, string])[], name: string): string[] {
  return pairs.filter(([key]) => key === name).map(([, value]) => value);
}

/** Query pairs grouped by key: order within a key matters, order across keys does not survive every platform. */
function grouped(pairs: readonly (readonly [string, string])[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of pairs) (out[key] ??= []).push(value);
  return out;
}

/** Registers the HTTP part of the contract. */
export function httpSuite(context: SuiteContext): void {
  const send = (input: CaseInput): Promise<HttpOutcome> => {
    const http = context.harness().http;
    if (!http) throw new Error(`${context.definition.name} declares http but its harness has no http()`);
    return http({ method: "GET", query: undefined, headers: [["Host", "contract.example.com"]], body: undefined, ...input });
  };
  const echo = async (input: CaseInput): Promise<EchoReport> => {
    const outcome = await send({ ...input, path: input.path });
    expect(outcome.status, decoder.decode(outcome.body)).toBe(200);
    return JSON.parse(decoder.decode(outcome.body)) as EchoReport;
  };
  const header = (report: EchoReport, name: string): string | undefined => report.headers.find(([key]) => key === name)?.[1];

  it(context.title("http.methods"), async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const report = await echo({ method, path: "/echo/method", body: method === "GET" || method === "OPTIONS" ? undefined : utf8("x") });
      expect(report.method).toBe(method);
    }
    const head = await send({ method: "HEAD", path: "/echo/method" });
    expect(head.status).toBe(200);
    expect(valuesOf(head.headers, "x-echo-method")).toEqual(["HEAD"]);
    expect(head.body.byteLength).toBe(0);
  });

  it(context.title("http.path.unicode"), async () => {
    const report = await echo({ path: "/echo/a%20b/%C3%BC%E2%9C%93/plus+sign" });
    expect(report.pathname).toBe("/echo/a%20b/%C3%BC%E2%9C%93/plus+sign");
    expect(decodeURIComponent(report.pathname)).toBe("/echo/a b/ü✓/plus+sign");
  });

  it(context.title("http.path.encoded-slash"), async () => {
    const report = await echo({ path: "/echo/a%2Fb" });
    if (context.limit("http.path.encoded-slash")) expect(["/echo/a%2Fb", "/echo/a/b"]).toContain(report.pathname);
    else expect(report.pathname).toBe("/echo/a%2Fb");
  });

  it(context.title("http.query.repeated"), async () => {
    const report = await echo({ path: "/echo/query", query: "tag=a&tag=b%2Cc&x=1%2C2&tag=%C3%BC" });
    if (context.limit("http.query.repeated")) {
      const seen = grouped(report.query);
      // The platform keeps one value per key (the last), or joins a repeated key's values with commas (FC 3.0).
      expect(["a", "b,c", "ü", "a,b,c,ü"]).toContain(seen["tag"]?.at(-1));
      expect(seen["x"]).toEqual(["1,2"]);
    } else {
      expect(grouped(report.query)).toEqual({ tag: ["a", "b,c", "ü"], x: ["1,2"] });
    }
  });

  it(context.title("http.query.empty"), async () => {
    expect((await echo({ path: "/echo/query", query: "q=&r=1" })).query).toEqual([
      ["q", ""],
      ["r", "1"],
    ]);
    const bare = await echo({ path: "/echo/query", query: "" });
    expect([bare.search, bare.query]).toEqual(["", []]);
    const none = await echo({ path: "/echo/query" });
    expect([none.search, none.query]).toEqual(["", []]);
  });

  it(context.title("http.headers.case"), async () => {
    const report = await echo({
      path: "/echo/headers",
      headers: [
        ["Host", "contract.example.com"],
        ["X-Mixed-CASE", "Value"],
        ["accept", "text/plain"],
      ],
    });
    expect(header(report, "x-mixed-case")).toBe("Value");
    expect(header(report, "accept")).toBe("text/plain");
  });

  it(context.title("http.headers.repeated"), async () => {
    const report = await echo({
      path: "/echo/headers",
      headers: [
        ["Host", "contract.example.com"],
        ["X-Multi", "first"],
        ["x-multi", "second"],
      ],
    });
    const values = header(report, "x-multi")?.split(/,\s*/) ?? [];
    if (context.limit("http.headers.repeated")) expect(values.length).toBeGreaterThanOrEqual(1);
    else expect(values).toEqual(["first", "second"]);
    for (const value of values) expect(["first", "second"]).toContain(value);
  });

  it(context.title("http.cookies.request"), async () => {
    const report = await echo({
      path: "/echo/cookies",
      headers: [
        ["Host", "contract.example.com"],
        ["Cookie", "a=1; b=two; c=%C3%BC"],
      ],
    });
    expect(header(report, "cookie")).toBe("a=1; b=two; c=%C3%BC");
  });

  it(context.title("http.body.json"), async () => {
    const json = JSON.stringify({ text: "héllo ✓", list: [1, 2, 3], nested: { ok: true } });
    const report = await echo({
      method: "POST",
      path: "/echo/json",
      headers: [
        ["Host", "contract.example.com"],
        ["Content-Type", "application/json"],
      ],
      body: utf8(json),
    });
    expect(report.contentType).toBe("application/json");
    expect(report.bodyBase64).toBe(toBase64(utf8(json)));
  });

  it(context.title("http.body.form"), async () => {
    const outcome = await send({
      method: "POST",
      path: "/form",
      headers: [
        ["Host", "contract.example.com"],
        ["Content-Type", "application/x-www-form-urlencoded"],
      ],
      body: utf8("a=1&b=%C3%BC&b=two+words"),
    });
    expect(outcome.status).toBe(200);
    expect(JSON.parse(decoder.decode(outcome.body))).toEqual([
      ["a", "1"],
      ["b", "ü"],
      ["b", "two words"],
    ]);
  });

  it(context.title("http.body.binary"), async () => {
    // A platform that carries request bodies only as text still passes bytes that are valid UTF-8 intact.
    const bytes = context.limit("http.body.binary") ? utf8("bytes that happen to be UTF-8 ✓ ü") : seededBytes(4096, 42);
    const report = await echo({
      method: "PUT",
      path: "/echo/binary",
      headers: [
        ["Host", "contract.example.com"],
        ["Content-Type", "application/octet-stream"],
      ],
      body: bytes,
    });
    expect(report.bodyBase64).toBe(toBase64(bytes));
  });

  it(context.title("http.status"), async () => {
    expect((await send({ path: "/echo/ok" })).status).toBe(200);
    const created = await send({ method: "POST", path: "/status/201", body: utf8("x") });
    expect([created.status, decoder.decode(created.body)]).toEqual([201, "status 201"]);
    const noContent = await send({ path: "/status/204" });
    expect([noContent.status, noContent.body.byteLength]).toEqual([204, 0]);
    const moved = await send({ path: "/status/301" });
    expect(moved.status).toBe(301);
    expect(valuesOf(moved.headers, "location")).toEqual(["/echo/moved?from=301"]);
    expect((await send({ path: "/no/such/route" })).status).toBe(404);
    const failed = await send({ path: "/status/500" });
    expect([failed.status, decoder.decode(failed.body)]).toEqual([500, "status 500"]);
  });

  it(context.title("http.cookies.response"), async () => {
    const outcome = await send({ path: "/cookies" });
    expect(outcome.status).toBe(200);
    if (context.limit("http.cookies.response")) {
      expect(outcome.cookies.length).toBeGreaterThanOrEqual(1);
      for (const cookie of outcome.cookies) expect(responseCookies).toContain(cookie);
    } else {
      expect(outcome.cookies).toEqual(responseCookies);
    }
  });

  it(context.title("http.body.binary-response"), async () => {
    const large = await send({ path: "/binary", query: "size=65536&seed=7" });
    expect(large.status).toBe(200);
    expect(valuesOf(large.headers, "content-type")).toEqual(["application/octet-stream"]);
    expect(toBase64(large.body)).toBe(toBase64(seededBytes(65536, 7)));
    // The echo sends the bytes as a request first: where request bodies travel as text, they must be valid UTF-8.
    const bytes = context.limit("http.body.binary") ? utf8("echoed ✓ as image/png") : seededBytes(1000, 99);
    const echoed = await send({
      method: "POST",
      path: "/binary-echo",
      headers: [
        ["Host", "contract.example.com"],
        ["Content-Type", "image/png"],
      ],
      body: bytes,
    });
    expect(toBase64(echoed.body)).toBe(toBase64(bytes));
  });

  it(context.title("http.body.text-response"), async () => {
    const outcome = await send({ path: "/text" });
    expect(decoder.decode(outcome.body)).toBe(unicodeText);
    expect(valuesOf(outcome.headers, "content-type")).toEqual(["text/plain; charset=utf-8"]);
  });

  it(context.title("http.body.empty"), async () => {
    const outcome = await send({ path: "/empty" });
    expect([outcome.status, outcome.body.byteLength, valuesOf(outcome.headers, "x-empty")]).toEqual([200, 0, ["yes"]]);
    const report = await echo({ method: "POST", path: "/echo/empty", body: new Uint8Array() });
    expect(report.bodyBase64).toBe("");
  });

  it(context.title("http.errors"), async () => {
    const outcome = await send({ path: "/throw" });
    expect(outcome.status).toBe(500);
    const text = decoder.decode(outcome.body);
    expect(text).not.toContain("contract-secret");
    expect(text).not.toMatch(/\bat .*:\d+:\d+/);
    const { requestId } = JSON.parse(text) as { requestId: string };
    expect(requestId).toMatch(/\S/);
    const logged = await eventually(async () => (await context.logs()).find((record) => record.level === "error" && record.requestId === requestId) ?? null);
    expect(logged?.["error"]).toMatchObject({ message: expect.stringContaining("contract-secret") });
  });

  it(context.title("http.wait-until"), async () => {
    const id = uniqueId("wait");
    const outcome = await send({ path: "/wait-until", query: `id=${id}` });
    expect(outcome.status).toBe(202);
    const key = `wait-until:${id}`;
    // A freezing platform must have finished the work before it answered; others finish it soon after.
    const value = context.definition.freezes ? await context.probe().get(key) : await eventually(() => context.probe().get(key));
    expect(value).toBe("done");
  });

  it(context.title("bindings.kv"), async () => {
    const id = uniqueId("kv");
    const outcome = await send({ method: "PUT", path: "/kv", query: `id=${id}`, body: utf8("x") });
    expect(decoder.decode(outcome.body)).toBe("PUT");
    expect(await context.probe().get(`kv:${id}`)).toBe("PUT");
  });
}

import { toAliyun } from "@faasport/adapter-aliyun";
import { type Context, defineApp, type LogRecord } from "@faasport/core";
import { describe, expect, it } from "vitest";
import { asBuffer, fc3Context, fixture } from "./fixtures";
import { recorder } from "./recorder";

type Result = { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: boolean };

/** The documented FC 3.0 HTTP event, with some fields replaced. */
function httpEvent(changes: Record<string, unknown> = {}, http: Record<string, unknown> = {}): Record<string, unknown> {
  const event = fixture("fc3-http-doc-example");
  Object.assign((event["requestContext"] as { http: object }).http, http);
  return Object.assign(event, changes);
}

describe("FC 3.0 HTTP trigger quirks", () => {
  it("takes the event as a Buffer, a string or an object alike", async () => {
    const { seen, handler } = recorder();
    const event = httpEvent();
    for (const form of [asBuffer(event), JSON.stringify(event), event]) await handler(form, fc3Context());
    expect(seen).toHaveLength(3);
    // Each invocation has its own request id; everything else must be the same.
    const [first, second, third] = seen.map((record) => ({ ...(record as object), requestId: undefined }));
    expect(second).toEqual(first);
    expect(third).toEqual(first);
  });

  it("builds the URL from the encoded rawPath, not the decoded requestContext.http.path", async () => {
    const { seen, handler } = recorder();
    await handler(asBuffer(httpEvent({ rawPath: "/files/a%2Fb/%C3%BC%20x", queryParameters: {} }, { path: "/files/a/b/ü x" })), fc3Context());
    expect(seen[0]).toMatchObject({ url: "https://localhost/files/a%2Fb/%C3%BC%20x" });
  });

  it("keeps comma-joined query values whole (never splits them) and re-encodes what was decoded", async () => {
    const { seen, handler } = recorder();
    // As FC delivers `?tag=a&tag=b&q=x%2Cy&sp=a+b&e=`: decoded values, a repeated key joined with commas.
    await handler(asBuffer(httpEvent({ queryParameters: { tag: "a,b", q: "x,y", sp: "a b", e: "", "k&=": "v&=" } })), fc3Context());
    const url = new URL((seen[0] as { url: string }).url);
    expect(url.searchParams.getAll("tag")).toEqual(["a,b"]);
    expect(url.searchParams.getAll("q")).toEqual(["x,y"]);
    expect(url.searchParams.get("sp")).toBe("a b");
    expect(url.searchParams.get("e")).toBe("");
    expect(url.searchParams.get("k&=")).toBe("v&=");
  });

  it("passes repeated headers as FC joined them, which reads back as every value", async () => {
    const { seen, handler } = recorder();
    await handler(asBuffer(httpEvent({ headers: { Accept: "text/html,application/json", "X-Multi": "first,second" } })), fc3Context());
    const headers = new Headers((seen[0] as { headers: [string, string][] }).headers);
    expect(headers.get("x-multi")?.split(",")).toEqual(["first", "second"]);
    expect(headers.get("accept")).toBe("text/html,application/json");
  });

  it("decodes a base64 body byte for byte, and answers 400 to a bad one without calling the app", async () => {
    const bytes: number[] = [];
    const app = defineApp({ fetch: async (request) => (bytes.push(...new Uint8Array(await request.arrayBuffer())), new Response("ok")) });
    const logs: LogRecord[] = [];
    const handler = toAliyun(app, { variables: {}, log: (record) => logs.push(record) });
    await handler(asBuffer(httpEvent({ body: "AAEC/w==", isBase64Encoded: true }, { method: "POST" })), fc3Context());
    expect(bytes).toEqual([0, 1, 2, 255]);
    const bad = (await handler(asBuffer(httpEvent({ body: "%%% not base64", isBase64Encoded: true }, { method: "POST" })), fc3Context())) as Result;
    expect([bad.statusCode, bad.body]).toEqual([400, "the request body is marked base64 but is not valid base64"]);
    expect(bytes).toHaveLength(4);
    expect(logs.at(-1)).toMatchObject({ level: "warn", msg: "bad request" });
  });

  it("answers statusCode, one string per header, and base64 for binary bodies", async () => {
    const app = defineApp({
      fetch: (request) => {
        const headers = new Headers({ vary: "accept" });
        headers.append("vary", "origin");
        if (new URL(request.url).pathname === "/bin") return new Response(new Uint8Array([0, 255]), { status: 201, headers: { "content-type": "image/png" } });
        return new Response("héllo", { status: 202, headers });
      },
    });
    const handler = toAliyun(app, { variables: {} });
    const text = (await handler(asBuffer(httpEvent({ rawPath: "/" })), fc3Context())) as Result;
    expect(text).toEqual({ statusCode: 202, headers: { "content-type": "text/plain;charset=UTF-8", vary: "accept, origin" }, body: "héllo", isBase64Encoded: false });
    const binary = (await handler(asBuffer(httpEvent({ rawPath: "/bin" })), fc3Context())) as Result;
    expect([binary.statusCode, binary.body, binary.isBase64Encoded]).toEqual([201, "AP8=", true]);
  });

  it("sends the first Set-Cookie only, since headers hold one string per name, and logs the ones dropped", async () => {
    const app = defineApp({
      fetch: () => {
        const headers = new Headers();
        for (const cookie of ["a=1; Path=/", "b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT", "c=3"]) headers.append("set-cookie", cookie);
        return new Response(null, { status: 204, headers });
      },
    });
    const logs: LogRecord[] = [];
    const result = (await toAliyun(app, { variables: {}, log: (record) => logs.push(record) })(asBuffer(httpEvent()), fc3Context({ requestId: "cookie-id" }))) as Result;
    expect(result.headers["set-cookie"]).toBe("a=1; Path=/");
    expect(logs).toContainEqual(expect.objectContaining({ level: "warn", requestId: "cookie-id", dropped: 2 }));
  });

  it("strips a base path on a segment boundary, and sends as text only the types configured", async () => {
    const app = defineApp({ fetch: (request) => new Response(new URL(request.url).pathname, { headers: { "content-type": request.headers.get("accept") ?? "text/plain" } }) });
    const handler = toAliyun(app, { variables: {}, basePath: "/api", textContentTypes: ["application/vnd.custom"] });
    const call = async (rawPath: string, accept: string) => (await handler(asBuffer(httpEvent({ rawPath, headers: { accept } })), fc3Context())) as Result;
    expect((await call("/api/todos", "application/vnd.custom")).body).toBe("/todos");
    expect((await call("/apix/todos", "application/vnd.custom")).body).toBe("/apix/todos");
    expect((await call("/api/todos", "text/plain")).isBase64Encoded).toBe(true);
  });
});

describe("FC context", () => {
  const seenContext = async (event: unknown, context: ReturnType<typeof fc3Context>): Promise<Context> => {
    let seen: Context | undefined;
    const app = defineApp({ fetch: (_request, _env, ctx) => ((seen = ctx), new Response()), scheduled: (_event, _env, ctx) => void (seen = ctx) });
    await toAliyun(app, { variables: {} })(event, context);
    return seen!;
  };

  it("takes the request id from the context, not the event's (empty in the capture)", async () => {
    expect((await seenContext(asBuffer(fixture("fc3-http")), fc3Context({ requestId: "ctx-id" }))).requestId).toBe("ctx-id");
    const withoutId = { ...fc3Context(), requestId: "" };
    expect((await seenContext(asBuffer(fixture("fc3-http-doc-example")), withoutId)).requestId).toBe("1-64f6cd87-*************");
  });

  it("sets the deadline from the function's timeout, and keeps the credentials in raw only", async () => {
    const before = Date.now();
    const context = { ...fixture<ReturnType<typeof fc3Context>>("context-fc3.from-docs") };
    const ctx = await seenContext(asBuffer(fixture("timer")), context);
    expect(ctx.deadline).toBeGreaterThanOrEqual(before + 10_000);
    expect(ctx.deadline).toBeLessThanOrEqual(Date.now() + 10_000);
    expect(ctx.raw.context).toBe(context);
    const { raw: _raw, ...rest } = ctx;
    expect(JSON.stringify(rest)).not.toContain("access_key_secret");
    expect((await seenContext(asBuffer(fixture("timer")), { requestId: "no-timeout" })).deadline).toBeUndefined();
  });
});

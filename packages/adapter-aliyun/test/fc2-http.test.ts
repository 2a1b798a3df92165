import { Readable } from "node:stream";
import { toAliyunFc2Http } from "@faasport/adapter-aliyun";
import { type Context, defineApp } from "@faasport/core";
import { describe, expect, it } from "vitest";
import { fc2Context, fixture } from "./fixtures";
import { invokeFc2 } from "./harness";
import { recorder } from "./recorder";

/** The documented request fields, with some replaced, optionally streaming a body. */
function request(changes: Record<string, unknown> = {}, body?: Buffer | Error): Record<string, unknown> {
  const fields = { ...fixture("fc2-http-request.from-docs"), ...changes };
  if (body === undefined) return fields;
  const stream =
    body instanceof Error
      ? new Readable({
          read() {
            this.destroy(body);
          },
        })
      : Readable.from([body]);
  return Object.assign(stream, fields);
}

const urlOf = (seen: unknown[]): string => (seen[0] as { url: string }).url;

describe("FC 2.0 HTTP handler", () => {
  it("removes the default endpoint's /2016-08-15/proxy/<service>/<function> prefix, and a base path", async () => {
    const { seen, fc2 } = recorder();
    await invokeFc2(fc2, request({ url: "/2016-08-15/proxy/svc.LATEST/fn/api/todos?x=1" }) as never);
    await invokeFc2(fc2, request({ url: "/2016-08-15/proxy/svc/fn" }) as never);
    await invokeFc2(fc2, request({ url: "/custom/path" }) as never);
    expect(seen.map((entry) => (entry as { url: string }).url)).toEqual([
      "https://123456.cn-shanghai.fc.aliyuncs.com/api/todos?x=1",
      "https://123456.cn-shanghai.fc.aliyuncs.com/",
      "https://123456.cn-shanghai.fc.aliyuncs.com/custom/path",
    ]);
    const app = defineApp({ fetch: (req) => new Response(new URL(req.url).pathname) });
    const outcome = await invokeFc2(toAliyunFc2Http(app, { variables: {}, basePath: "/api" }), request({ url: "/2016-08-15/proxy/svc/fn/api/todos" }) as never);
    expect(new TextDecoder().decode(outcome.body)).toBe("/todos");
  });

  it("takes the raw query from url, and falls back to path and queries (strings or arrays) without it", async () => {
    const { seen, fc2 } = recorder();
    await invokeFc2(fc2, request({ url: "/2016-08-15/proxy/s/f/q?tag=a&tag=b%2Cc" }) as never);
    expect(urlOf(seen)).toBe("https://123456.cn-shanghai.fc.aliyuncs.com/q?tag=a&tag=b%2Cc");
    const fallback = recorder();
    await invokeFc2(fallback.fc2, request({ url: undefined, path: "/2016-08-15/proxy/s/f/ü x", queries: { one: "1", many: ["a", "b,c"] } }) as never);
    expect(urlOf(fallback.seen)).toBe("https://123456.cn-shanghai.fc.aliyuncs.com/%C3%BC%20x?one=1&many=a&many=b%2Cc");
  });

  it("reads the body from req.body, or from the request stream, and answers 400 when the stream fails", async () => {
    const { seen, fc2 } = recorder();
    await invokeFc2(fc2, request({ body: Buffer.from("from req.body") }) as never);
    await invokeFc2(fc2, request({}, Buffer.from("from the stream")) as never);
    expect(seen.map((entry) => (entry as { body: string }).body)).toEqual(["from req.body", "from the stream"]);
    const broken = await invokeFc2(fc2, request({}, new Error("socket hang up")) as never);
    expect([broken.status, new TextDecoder().decode(broken.body)]).toEqual([400, "the request body could not be read"]);
    expect(seen).toHaveLength(2);
  });

  it("takes repeated request headers given as arrays", async () => {
    const { seen, fc2 } = recorder();
    await invokeFc2(fc2, request({ headers: { host: "h.example.com", "x-multi": ["first", "second"] } }) as never);
    expect(new Headers((seen[0] as { headers: [string, string][] }).headers).get("x-multi")).toBe("first, second");
  });

  it("answers through resp: status, headers, every Set-Cookie apart (as an array), bytes as a Buffer", async () => {
    const calls: unknown[][] = [];
    const app = defineApp({
      fetch: () => {
        const headers = new Headers({ "content-type": "application/octet-stream" });
        headers.append("set-cookie", "a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT");
        headers.append("set-cookie", "b=2");
        return new Response(new Uint8Array([0, 255]), { status: 201, headers });
      },
    });
    await toAliyunFc2Http(app, { variables: {} })(
      request() as never,
      {
        setStatusCode: (...args) => void calls.push(["status", ...args]),
        setHeader: (...args) => void calls.push(["header", ...args]),
        send: (...args) => void calls.push(["send", ...args]),
      },
      fc2Context(),
    );
    expect(calls).toEqual([
      ["status", 201],
      ["header", "content-type", "application/octet-stream"],
      ["header", "set-cookie", ["a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT", "b=2"]],
      ["send", Buffer.from([0, 255])],
    ]);
  });

  it("maps the FC 2.0 context: request id and deadline", async () => {
    let seen: Context | undefined;
    const app = defineApp({ fetch: (_request, _env, ctx) => ((seen = ctx), new Response()) });
    const before = Date.now();
    await invokeFc2(toAliyunFc2Http(app, { variables: {} }), request() as never, fc2Context("fc2-id"));
    expect(seen?.requestId).toBe("fc2-id");
    expect(seen?.deadline).toBeGreaterThanOrEqual(before + 10_000);
    expect(seen?.cloud).toBe("aliyun");
  });
});

import { describe, expect, expectTypeOf, it } from "vitest";
import { type Context, defineApp, isApp, type KV, kv, type Queue, queue } from "@faasport/core";

describe("defineApp", () => {
  it("types env from the declarations and the declared vars", () => {
    const app = defineApp({
      bindings: { TODOS: kv(), JOBS: queue<{ id: string }>() },
      vars: ["API_KEY"],
      async fetch(_request, env, ctx) {
        expectTypeOf(env.TODOS).toEqualTypeOf<KV>();
        expectTypeOf(env.JOBS).toEqualTypeOf<Queue<{ id: string }>>();
        expectTypeOf(env.API_KEY).toEqualTypeOf<string | undefined>();
        expectTypeOf(ctx).toEqualTypeOf<Context>();
        // @ts-expect-error undeclared names are not in env
        void env.OTHER;
        return new Response("ok");
      },
    });
    expect(isApp(app)).toBe(true);
    expect(app.bindings).toEqual({ TODOS: { kind: "kv" }, JOBS: { kind: "queue" } });
    expect(app.vars).toEqual(["API_KEY"]);
    expect(Object.isFrozen(app)).toBe(true);
  });

  it("accepts a Fetch-framework handler as is", () => {
    const framework = { fetch: (request: Request, _env?: unknown, _ctx?: { waitUntil(p: Promise<unknown>): void; passThroughOnException(): void }) => new Response(request.url) };
    const app = defineApp({ fetch: framework.fetch });
    expect(typeof app.fetch).toBe("function");
  });

  it("rejects declarations it cannot honour, naming them", () => {
    expect(() => defineApp({})).toThrow(/at least one handler/);
    expect(() => defineApp({ bindings: { "bad-name": kv() }, fetch: () => new Response() })).toThrow(/"bad-name" must be an identifier/);
    expect(() => defineApp({ bindings: { X: { kind: "blob" } as never }, fetch: () => new Response() })).toThrow(/binding X must be declared with kv\(\) or queue\(\)/);
    expect(() => defineApp({ bindings: { X: kv() }, vars: ["X"] as never, fetch: () => new Response() })).toThrow(/both as a binding and as a variable/);
    expect(() => defineApp({ fetch: "nope" as never })).toThrow(/fetch must be a function/);
  });

  it("does not mistake other objects for apps", () => {
    expect(isApp({ fetch() {} })).toBe(false);
    expect(isApp(null)).toBe(false);
  });
});

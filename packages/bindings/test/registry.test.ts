import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@faasport/adapter-node";
import { ConfigurationError, defineApp, isFaasportError, kv, queue, supportsCompareAndSet } from "@faasport/core";
import { createRuntime, embeddedDefaultUrl, isLocalQueueBinding } from "@faasport/core/runtime";
import { afterAll, describe, expect, it } from "vitest";
import { createKV, createQueue, EMBEDDED_DEFAULT_URL } from "../src/index";

const dir = mkdtempSync(join(tmpdir(), "faasport-registry-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("createKV / createQueue", () => {
  it("refuses a malformed URL, an unknown scheme and a driver of the other kind, with ConfigurationErrors that say what would work", () => {
    expect(() => createKV("not a url")).toThrow(ConfigurationError);
    expect(() => createKV("redis://user:hunter2@h:6379 x")).toThrow(/user:\*\*\*@/);
    expect(() => createKV("postgres://db/x")).toThrow(/no kv driver for "postgres:" \(known: memory:, sqlite:, redis:, rediss:, dynamodb:\)/);
    expect(() => createQueue("dynamodb://table")).toThrow(/"dynamodb:" is not a queue driver; queue drivers: memory:, sqlite:, local:, sqs:, mns:, cmq:/);
    expect(() => createKV("dynamodb://ab")).toThrow(/names no table/);
    expect(() => createQueue("sqs://sqs.eu-west-1.amazonaws.com/jobs")).toThrow(/not a queue URL/);
  });

  it("builds each driver from its URL without loading its SDK (factories are synchronous)", () => {
    expect(supportsCompareAndSet(createKV("redis://127.0.0.1:1?namespace=x"))).toBe(true);
    expect(supportsCompareAndSet(createKV("dynamodb://todos?region=eu-west-1"))).toBe(true);
    expect(isLocalQueueBinding(createQueue("local:"))).toBe(true);
    expect(typeof createQueue("mns://1.mns.cn-hangzhou.aliyuncs.com/topics/jobs").send).toBe("function");
    expect(typeof createQueue("cmq://cmq-gz.public.tencenttdmq.com/queues/jobs").sendBatch).toBe("function");
  });
});

describe("env at cold start, through core's registry", () => {
  const app = defineApp({ bindings: { TODOS: kv(), JOBS: queue() }, fetch: () => new Response() });

  it("resolves FAASPORT_KV_<NAME> and FAASPORT_QUEUE_<NAME> with every registered scheme", async () => {
    const runtime = createRuntime(app, { cloud: "aws", variables: { FAASPORT_KV_TODOS: `sqlite:${join(dir, "env.db")}`, FAASPORT_QUEUE_JOBS: "local:" } });
    const todos = runtime.env["TODOS"] as ReturnType<typeof createKV>;
    await todos.put("k", "v");
    expect(await createKV(`sqlite:${join(dir, "env.db")}?namespace=TODOS`).get("k")).toBe("v");
    expect(isLocalQueueBinding(runtime.env["JOBS"])).toBe(true);
  });

  it("fails at cold start, naming the binding and the variable, for a missing, malformed or unusable URL", () => {
    const attempt = (variables: Record<string, string>) => () => createRuntime(app, { cloud: "aws", variables });
    expect(attempt({ FAASPORT_QUEUE_JOBS: "local:" })).toThrow(/binding TODOS \(kv\) has no backend: set FAASPORT_KV_TODOS/);
    expect(attempt({ FAASPORT_KV_TODOS: "memory:", FAASPORT_QUEUE_JOBS: "::" })).toThrow(/binding JOBS: FAASPORT_QUEUE_JOBS="::" is not a URL/);
    expect(attempt({ FAASPORT_KV_TODOS: "sqs://a/b/c", FAASPORT_QUEUE_JOBS: "local:" })).toThrow(/binding TODOS: FAASPORT_KV_TODOS could not be used: .*"sqs:" is not a KV driver/);
    expect(attempt({ FAASPORT_KV_TODOS: "redis://h:1?namespace={x}", FAASPORT_QUEUE_JOBS: "local:" })).toThrow(/FAASPORT_KV_TODOS could not be used: .*must not contain braces/);
    let error: unknown;
    try {
      attempt({ FAASPORT_KV_TODOS: "cloudflare:todos", FAASPORT_QUEUE_JOBS: "local:" })();
    } catch (caught) {
      error = caught;
    }
    expect(isFaasportError(error, "CONFIGURATION") && (error as ConfigurationError).variable).toBe("FAASPORT_KV_TODOS");
    expect(String(error)).toMatch(/native bindings: declare them in wrangler.toml/);
  });

  it("makes SQLite and the SQLite-backed local queue the Node adapter's embedded default: nothing to install, data kept in .faasport/dev.db", async () => {
    expect([embeddedDefaultUrl("kv"), embeddedDefaultUrl("queue"), EMBEDDED_DEFAULT_URL]).toEqual([
      "sqlite:.faasport/dev.db",
      "sqlite:.faasport/dev.db",
      "sqlite:.faasport/dev.db",
    ]);
    const seen: unknown[] = [];
    const counter = defineApp({
      bindings: { TODOS: kv(), JOBS: queue() },
      fetch: async (_request, env) => {
        await env.TODOS.put("hits", String(Number((await env.TODOS.get("hits")) ?? 0) + 1));
        await env.JOBS.send({ hit: await env.TODOS.get("hits") });
        return new Response(await env.TODOS.get("hits"));
      },
      queue: (batch) => void seen.push(...batch.messages.map((message) => message.body)),
    });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const expected of ["1", "2"]) {
        const server = await serve(counter, { port: 0, variables: {}, log: () => {} });
        expect(await (await fetch(server.url)).text()).toBe(expected);
        const deadline = Date.now() + 5_000;
        while (seen.length < Number(expected) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        await server.close();
      }
      expect(seen).toEqual([{ hit: "1" }, { hit: "2" }]);
      expect(await createKV(`sqlite:${join(dir, ".faasport", "dev.db")}?namespace=TODOS`).get("hits")).toBe("2");
    } finally {
      process.chdir(cwd);
    }
  });
});

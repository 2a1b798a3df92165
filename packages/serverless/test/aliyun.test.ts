/* eslint-disable @typescript-eslint/no-explicit-any -- native events and API answers are loose JSON read from fixtures */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FcEndpoint, startFcEndpoint } from "./_fc-endpoint";
import { fixture, loadArtifact, packageFor, sls, unzip } from "./_helpers";

/**
 * `FAASPORT_CLOUD=aliyun`: package (manifest and zip), the zip answering FC 3.0
 * events, then deploy, info, invoke and remove against a checking FC endpoint.
 */

const credentials = { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI-test-key", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "test-secret", ALIBABA_CLOUD_ACCOUNT_ID: "1234567890123456" };
let dir: string;
let manifest: { functions: Record<string, any>[] };
let endpoint: FcEndpoint;
beforeAll(async () => {
  [dir, endpoint] = await Promise.all([packageFor("aliyun"), startFcEndpoint(credentials.ALIBABA_CLOUD_ACCESS_KEY_ID, credentials.ALIBABA_CLOUD_ACCESS_KEY_SECRET)]);
  manifest = JSON.parse(readFileSync(join(dir, "faasport-aliyun.json"), "utf8"));
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await endpoint.close();
});

describe("package for Alibaba Cloud FC 3.0", () => {
  it("describes the function and its HTTP, MNS topic and timer triggers", () => {
    const [fn] = manifest.functions;
    expect(fn).toMatchObject({ deployName: "faasport-todo-dev-todo", handler: "index.handler", runtime: "nodejs20", memorySize: 256, timeout: 10, artifact: "faasport/todo.zip" });
    expect(fn!["environment"]).toEqual({
      GREETING: "hello from faasport",
      FAASPORT_KV_TODOS: "redis://r-example.redis.rds.aliyuncs.com:6379",
      FAASPORT_QUEUE_JOBS: "mns://1234567890123456.mns.cn-hangzhou.aliyuncs.com/topics/faasport-todo-jobs",
    });
    const triggers = fn!["triggers"] as Record<string, string>[];
    expect(triggers.map((trigger) => [trigger["triggerName"], trigger["triggerType"]])).toEqual([
      ["http", "http"],
      ["queue-jobs", "mns_topic"],
      ["nightly", "timer"],
    ]);
    expect(triggers[1]).toMatchObject({ sourceArn: "acs:mns:cn-hangzhou:1234567890123456:/topics/faasport-todo-jobs" });
    expect(JSON.parse(triggers[1]!["triggerConfig"]!)).toEqual({ notifyContentFormat: "JSON", notifyStrategy: "BACKOFF_RETRY", filterTag: "" });
    expect(JSON.parse(triggers[2]!["triggerConfig"]!)).toEqual({ cronExpression: "0 0 3 * * *", enable: true, payload: "" });
  });

  it("zips one CommonJS index.js that answers FC 3.0 HTTP, MNS topic and timer events", async () => {
    expect(Object.keys(unzip(join(dir, "faasport", "todo.zip"))).sort()).toEqual(["index.js", "package.json"]);
    process.env["FAASPORT_KV_TODOS"] = "memory:";
    process.env["FAASPORT_QUEUE_JOBS"] = "memory:";
    const { handler } = loadArtifact(join(dir, "faasport", "todo.zip"));
    const context = fixture("aliyun", "context-fc3-runtime");
    // FC hands the event to the handler as a Buffer of its JSON.
    const http = (method: string, path: string, body?: unknown): Buffer => {
      const event = structuredClone(fixture("aliyun", "fc3-http")) as Record<string, any>;
      event["rawPath"] = path;
      event["requestContext"] = { ...event["requestContext"], http: { ...event["requestContext"].http, method, path } };
      event["queryParameters"] = {};
      event["body"] = body === undefined ? "" : JSON.stringify(body);
      event["isBase64Encoded"] = false;
      return Buffer.from(JSON.stringify(event));
    };
    const root = (await handler!(http("GET", "/"), context)) as Record<string, any>;
    expect(root["statusCode"]).toBe(200);
    expect(JSON.parse(root["body"])).toMatchObject({ app: "faasport todo", cloud: "aliyun" });
    const created = (await handler!(http("POST", "/todos", { title: "buy milk" }), context)) as Record<string, any>;
    expect(created["statusCode"]).toBe(201);
    const { id } = JSON.parse(created["body"]) as { id: string };

    const mns = { ...fixture("aliyun", "mns-topic-json"), Message: JSON.stringify({ id }) };
    await handler!(Buffer.from(JSON.stringify(mns)), context);
    expect(JSON.parse(((await handler!(http("GET", `/todos/${id}`), context)) as Record<string, any>)["body"])).toMatchObject({ id, notified: true });

    await handler!(http("PATCH", `/todos/${id}`, { done: true }), context);
    await handler!(Buffer.from(JSON.stringify(fixture("aliyun", "timer"))), context);
    expect(((await handler!(http("GET", `/todos/${id}`), context)) as Record<string, any>)["statusCode"]).toBe(404);
  });
});

describe("deploy, info, invoke and remove against a checking FC endpoint", () => {
  const env = { ...credentials, FAASPORT_ALIYUN_ENDPOINT: "" };

  it("refuses to deploy without credentials, before any request", async () => {
    const run = await sls("aliyun", ["deploy", "--package", dir], { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "", FAASPORT_ALIYUN_ENDPOINT: endpoint.url });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("missing credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCOUNT_ID");
    expect(endpoint.calls).toHaveLength(0);
  });

  it("creates the function with the packaged zip and each trigger, as the API documents, then updates in place", async () => {
    const run = await sls("aliyun", ["deploy", "--package", dir], { ...env, FAASPORT_ALIYUN_ENDPOINT: endpoint.url });
    expect(run.code, run.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(endpoint.calls.map((call) => call.action)).toEqual(["GetFunction", "CreateFunction", "ListTriggers", "CreateTrigger", "CreateTrigger", "CreateTrigger"]);
    const created = endpoint.functions.get("faasport-todo-dev-todo")!;
    expect(created).toMatchObject({ runtime: "nodejs20", handler: "index.handler", memorySize: 256, timeout: 10 });
    const zip = Buffer.from(String((created["code"] as Record<string, unknown>)["zipFile"]), "base64");
    expect(zip.equals(readFileSync(join(dir, "faasport", "todo.zip")))).toBe(true);
    expect([...endpoint.triggers.get("faasport-todo-dev-todo")!.keys()]).toEqual(["http", "queue-jobs", "nightly"]);
    expect(endpoint.triggers.get("faasport-todo-dev-todo")!.get("queue-jobs")).toMatchObject({ invocationRole: "acs:ram::1234567890123456:role/AliyunMNSNotificationRole" });

    endpoint.calls.length = 0;
    const again = await sls("aliyun", ["deploy", "--package", dir], { ...env, FAASPORT_ALIYUN_ENDPOINT: endpoint.url });
    expect(again.code, again.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(endpoint.calls.map((call) => call.action)).toEqual(["GetFunction", "UpdateFunction", "ListTriggers", "UpdateTrigger", "UpdateTrigger", "UpdateTrigger"]);
  }, 60_000);

  it("prints the HTTP trigger's URL, invokes the function, and removes triggers then the function", async () => {
    const info = await sls("aliyun", ["info"], { ...env, FAASPORT_ALIYUN_ENDPOINT: endpoint.url });
    expect(info.output).toContain("todo: faasport-todo-dev-todo https://faasport-todo-dev-todo.cn-hangzhou.fcapp.run");
    const invoked = await sls("aliyun", ["invoke", "--function", "todo", "--data", '{"ping":1}'], { ...env, FAASPORT_ALIYUN_ENDPOINT: endpoint.url });
    expect(invoked.output).toContain('"invoked":"faasport-todo-dev-todo"');
    endpoint.calls.length = 0;
    const removed = await sls("aliyun", ["remove"], { ...env, FAASPORT_ALIYUN_ENDPOINT: endpoint.url });
    expect(removed.code, removed.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(endpoint.calls.map((call) => call.action)).toEqual(["GetFunction", "ListTriggers", "DeleteTrigger", "DeleteTrigger", "DeleteTrigger", "DeleteFunction"]);
    expect(endpoint.functions.size).toBe(0);
  }, 60_000);
});

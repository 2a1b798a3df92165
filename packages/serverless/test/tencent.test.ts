/* eslint-disable @typescript-eslint/no-explicit-any -- native events and API answers are loose JSON read from fixtures */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, loadArtifact, packageFor, sls, unzip } from "./_helpers";
import { type ScfEndpoint, startScfEndpoint } from "./_scf-endpoint";

/**
 * `FAASPORT_CLOUD=tencent`: package (manifest and zip), the zip answering SCF
 * events, then deploy, info, invoke and remove against a checking SCF endpoint.
 */

const credentials = { TENCENTCLOUD_SECRET_ID: "AKID-test", TENCENTCLOUD_SECRET_KEY: "test-secret-key" };
let dir: string;
let manifest: { functions: Record<string, any>[] };
let endpoint: ScfEndpoint;
beforeAll(async () => {
  [dir, endpoint] = await Promise.all([packageFor("tencent"), startScfEndpoint(credentials.TENCENTCLOUD_SECRET_ID, credentials.TENCENTCLOUD_SECRET_KEY, "ap-guangzhou")]);
  manifest = JSON.parse(readFileSync(join(dir, "faasport-tencent.json"), "utf8"));
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await endpoint.close();
});

describe("package for Tencent Cloud SCF", () => {
  it("describes the function and its API Gateway, CMQ topic and timer triggers", () => {
    const [fn] = manifest.functions;
    expect(fn).toMatchObject({ deployName: "faasport-todo-dev-todo", handler: "index.main_handler", runtime: "Nodejs20.x", memorySize: 256, timeout: 10 });
    expect(fn!["environment"]).toMatchObject({ FAASPORT_KV_TODOS: "redis://10.0.0.10:6379", FAASPORT_QUEUE_JOBS: "cmq://cmq-gz.public.tencenttdmq.com/topics/faasport-todo-jobs" });
    const triggers = fn!["triggers"] as Record<string, string>[];
    expect(triggers.map((trigger) => [trigger["Type"], trigger["TriggerName"]])).toEqual([
      ["apigw", "SCF_API_SERVICE"],
      ["cmq", "faasport-todo-jobs"],
      ["timer", "nightly"],
    ]);
    expect(JSON.parse(triggers[0]!["TriggerDesc"]!)).toMatchObject({ api: { isIntegratedResponse: "TRUE", requestConfig: { method: "ANY" } } });
    expect(triggers[2]!["TriggerDesc"]).toBe("0 0 3 * * * *");
  });

  it("zips one CommonJS index.js whose main_handler answers API Gateway, CMQ and timer events", async () => {
    expect(Object.keys(unzip(join(dir, "faasport", "todo.zip"))).sort()).toEqual(["index.js", "package.json"]);
    process.env["FAASPORT_KV_TODOS"] = "memory:";
    process.env["FAASPORT_QUEUE_JOBS"] = "memory:";
    const { main_handler: handler } = loadArtifact(join(dir, "faasport", "todo.zip"));
    const context = fixture("tencent", "context.from-docs");
    const http = (method: string, path: string, body?: unknown): Record<string, any> => {
      const event = structuredClone(fixture("tencent", "apigw")) as Record<string, any>;
      event["path"] = path;
      event["httpMethod"] = method;
      event["requestContext"] = { ...event["requestContext"], httpMethod: method, path };
      event["queryString"] = {};
      event["queryStringParameters"] = {};
      event["body"] = body === undefined ? "" : JSON.stringify(body);
      return event;
    };
    const root = (await handler!(http("GET", "/"), context)) as Record<string, any>;
    expect(root["statusCode"]).toBe(200);
    expect(JSON.parse(root["body"])).toMatchObject({ app: "faasport todo", cloud: "tencent" });
    const created = (await handler!(http("POST", "/todos", { title: "buy milk" }), context)) as Record<string, any>;
    expect(created["statusCode"]).toBe(201);
    const { id } = JSON.parse(created["body"]) as { id: string };

    const cmq = structuredClone(fixture("tencent", "cmq-topic.from-docs")) as { Records: { CMQ: Record<string, unknown> }[] };
    cmq.Records[0]!.CMQ["msgBody"] = JSON.stringify({ id });
    await handler!(cmq, context);
    expect(JSON.parse(((await handler!(http("GET", `/todos/${id}`), context)) as Record<string, any>)["body"])).toMatchObject({ id, notified: true });

    await handler!(http("PATCH", `/todos/${id}`, { done: true }), context);
    await handler!(fixture("tencent", "timer"), context);
    expect(((await handler!(http("GET", `/todos/${id}`), context)) as Record<string, any>)["statusCode"]).toBe(404);
  });
});

describe("deploy, info, invoke and remove against a checking SCF endpoint", () => {
  const env = (): Record<string, string> => ({ ...credentials, FAASPORT_TENCENT_ENDPOINT: endpoint.url });

  it("refuses to deploy without credentials, before any request", async () => {
    const run = await sls("tencent", ["deploy", "--package", dir], { ...env(), TENCENTCLOUD_SECRET_KEY: "" });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("missing credentials: set TENCENTCLOUD_SECRET_KEY");
    expect(endpoint.calls).toHaveLength(0);
  });

  it("creates the function with the packaged zip and each trigger, signed as API 3.0 requires, then updates code and configuration", async () => {
    const run = await sls("tencent", ["deploy", "--package", dir], env());
    expect(run.code, run.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(endpoint.calls.map((call) => call.action)).toEqual(["GetFunction", "CreateFunction", "GetFunction", "ListTriggers", "CreateTrigger", "CreateTrigger", "CreateTrigger"]);
    const created = endpoint.functions.get("faasport-todo-dev-todo")!;
    expect(created).toMatchObject({ Handler: "index.main_handler", Runtime: "Nodejs20.x", MemorySize: 256, Timeout: 10, Type: "Event" });
    expect((created["Environment"] as { Variables: unknown[] }).Variables).toContainEqual({ Key: "GREETING", Value: "hello from faasport" });
    const zip = Buffer.from(String((created["Code"] as Record<string, unknown>)["ZipFile"]), "base64");
    expect(zip.equals(readFileSync(join(dir, "faasport", "todo.zip")))).toBe(true);
    expect(endpoint.triggers.get("faasport-todo-dev-todo")!.map((trigger) => trigger["Type"])).toEqual(["apigw", "cmq", "timer"]);

    endpoint.calls.length = 0;
    const again = await sls("tencent", ["deploy", "--package", dir], env());
    expect(again.code, again.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(endpoint.calls.map((call) => call.action)).toEqual(["GetFunction", "UpdateFunctionCode", "GetFunction", "UpdateFunctionConfiguration", "GetFunction", "ListTriggers"]);
  }, 60_000);

  it("reports, invokes, and removes triggers then the function", async () => {
    const info = await sls("tencent", ["info"], env());
    expect(info.output).toContain("todo: faasport-todo-dev-todo (Active)");
    const invoked = await sls("tencent", ["invoke", "--function", "todo", "--data", '{"ping":1}'], env());
    expect(invoked.output).toContain('"invoked":"faasport-todo-dev-todo"');
    endpoint.calls.length = 0;
    const removed = await sls("tencent", ["remove"], env());
    expect(removed.code, removed.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(endpoint.calls.map((call) => call.action)).toEqual(["GetFunction", "ListTriggers", "DeleteTrigger", "DeleteTrigger", "DeleteTrigger", "DeleteFunction"]);
    expect(endpoint.functions.size).toBe(0);
  }, 60_000);
});

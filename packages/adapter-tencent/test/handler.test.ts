import { defineApp, HttpError, type LogRecord } from "@faasport/core";
import { toTencent } from "@faasport/adapter-tencent";
import { describe, expect, it } from "vitest";
import { fixture, scfContext } from "./fixtures";
import { apiGatewayEvent, ckafkaEvent, cmqEvent, cosEvent, functionUrlEvent, timerEvent } from "./harness";

type Answer = { statusCode: number; headers: Record<string, string | string[]>; body: string; isBase64Encoded: boolean };

const get = (path: string, query?: string, headers: [string, string][] = [["Host", "h.example.com"]]) => ({ method: "GET", path, query, headers, body: undefined });
const echo = defineApp({
  fetch: async (request) => {
    const url = new URL(request.url);
    return Response.json({ path: url.pathname, search: url.search, query: [...url.searchParams], body: await request.text(), mixed: request.headers.get("x-mixed") });
  },
});
const call = async (handler: ReturnType<typeof toTencent>, event: unknown): Promise<Answer> => (await handler(event, scfContext())) as Answer;
const json = (answer: Answer): Record<string, unknown> => JSON.parse(answer.body) as Record<string, unknown>;

describe("API Gateway requests", () => {
  it("reads the real query from queryString, not the declared queryStringParameters", async () => {
    const event = Object.assign(fixture("apigw"), { queryStringParameters: { declared: "only" } });
    const body = json(await call(toTencent(echo, { variables: {} }), event));
    expect(body["query"]).toEqual([
      ["foo", "bar"],
      ["bob", "alice"],
    ]);
  });

  it("rebuilds repeated keys (lists), bare keys (true) and values with reserved characters", async () => {
    const event = Object.assign(fixture("apigw-get.scf-go-lib"), { queryString: { a: ["b", "c"], i: true, q: "x&y=z, ü" } });
    const body = json(await call(toTencent(echo, { variables: {} }), event));
    expect(body["query"]).toEqual([
      ["a", "b"],
      ["a", "c"],
      ["i", ""],
      ["q", "x&y=z, ü"],
    ]);
  });

  it("reads headers whatever their casing, and ignores the declared headerParameters", async () => {
    const event = Object.assign(fixture("apigw"), { headers: { "X-MIXED": "yes", host: "h" }, headerParameters: { "X-Mixed": "declared" } });
    expect(json(await call(toTencent(echo, { variables: {} }), event))["mixed"]).toBe("yes");
  });

  it("strips the release environment only when asked, then the base path, on segment boundaries", async () => {
    const event = (path: string) => apiGatewayEvent(get(path), "release");
    const plain = toTencent(echo, { variables: {} });
    const stripping = toTencent(echo, { stripStage: true, basePath: "/api", variables: {} });
    expect(json(await call(plain, event("/api/todos")))["path"]).toBe("/release/api/todos");
    expect(json(await call(stripping, event("/api/todos")))["path"]).toBe("/todos");
    expect(json(await call(stripping, event("")))["path"]).toBe("/");
    expect(json(await call(stripping, Object.assign(event("/x"), { path: "/releasex/x" })))["path"]).toBe("/releasex/x");
    // Function URLs have no stage: only the base path applies.
    expect(json(await call(stripping, functionUrlEvent(get("/api/release/x"))))["path"]).toBe("/release/x");
  });

  it("decodes a body marked base64, and reads one without isBase64Encoded as text", async () => {
    const handler = toTencent(echo, { variables: {} });
    const encoded = Object.assign(fixture("apigw"), { body: btoa("héllo".replace(/é/, "e")), isBase64Encoded: true });
    expect(json(await call(handler, encoded))["body"]).toBe("hello");
    expect(json(await call(handler, fixture("apigw")))["body"]).toBe('{"test":"body"}');
  });

  it("answers 400 to a body marked base64 that is not, without calling the app", async () => {
    let called = false;
    const logs: LogRecord[] = [];
    const app = defineApp({ fetch: () => ((called = true), new Response()) });
    const answer = await call(toTencent(app, { variables: {}, log: (record) => logs.push(record) }), Object.assign(fixture("apigw"), { body: "%%%", isBase64Encoded: true }));
    expect([answer.statusCode, answer.body, called]).toEqual([400, "the request body is marked base64 but is not valid base64", false]);
    expect(logs.at(-1)).toMatchObject({ level: "warn", msg: "bad request", cloud: "tencent" });
  });
});

describe("integration responses", () => {
  it("sends one Set-Cookie as a string and several as a list, other repeated headers joined", async () => {
    const cookies = (count: number) =>
      defineApp({
        fetch: () => {
          const headers = new Headers([
            ["x-multi", "a"],
            ["x-multi", "b"],
          ]);
          for (let index = 0; index < count; index++) headers.append("set-cookie", `c${index}=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT`);
          return new Response("ok", { headers });
        },
      });
    const one = await call(toTencent(cookies(1), { variables: {} }), fixture("apigw"));
    const two = await call(toTencent(cookies(2), { variables: {} }), fixture("apigw"));
    expect(one.headers["set-cookie"]).toBe("c0=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT");
    expect(two.headers["set-cookie"]).toEqual(["c0=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT", "c1=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT"]);
    expect(two.headers["x-multi"]).toBe("a, b");
  });

  it("sends as text only the content types configured as text, the rest base64", async () => {
    const app = defineApp({ fetch: (request) => new Response("body", { headers: { "content-type": request.headers.get("accept") ?? "" } }) });
    const handler = toTencent(app, { textContentTypes: ["application/vnd.custom"], variables: {} });
    const answer = (accept: string) => call(handler, apiGatewayEvent(get("/", undefined, [["accept", accept]])));
    expect(await answer("application/vnd.custom")).toMatchObject({ isBase64Encoded: false, body: "body" });
    expect(await answer("text/plain")).toMatchObject({ isBase64Encoded: true, body: btoa("body") });
  });

  it("answers a crash with 500 and the SCF request id, never the message", async () => {
    const logs: LogRecord[] = [];
    const app = defineApp({
      fetch: () => {
        throw new Error("secret detail");
      },
    });
    const answer = (await toTencent(app, { variables: {}, log: (record) => logs.push(record) })(fixture("function-url"), scfContext("scf-id"))) as Answer;
    expect([answer.statusCode, JSON.parse(answer.body)]).toEqual([500, { error: "Internal Server Error", requestId: "scf-id" }]);
    expect(logs.find((record) => record.level === "error")).toMatchObject({ requestId: "scf-id", error: { message: "secret detail" } });
  });

  it("answers an HttpError with its status", async () => {
    const app = defineApp({
      fetch: () => {
        throw new HttpError(404, "no such todo");
      },
    });
    expect(await call(toTencent(app, { variables: {}, log: () => {} }), fixture("apigw"))).toMatchObject({ statusCode: 404, body: "no such todo" });
  });
});

describe("invocation context", () => {
  it("takes the request id from the context, else API Gateway's, and the deadline from the runtime", async () => {
    const seen: { requestId: string; deadline: number | undefined }[] = [];
    const app = defineApp({ fetch: (_request, _env, ctx) => (seen.push({ requestId: ctx.requestId, deadline: ctx.deadline }), new Response()) });
    const handler = toTencent(app, { variables: {} });
    const before = Date.now();
    await handler(fixture("apigw"), scfContext("scf-id", 5000));
    await handler(fixture("apigw"), { time_limit_in_ms: 3000 });
    await handler(fixture("function-url"), {});
    expect(seen[0]?.requestId).toBe("scf-id");
    expect(seen[0]?.deadline).toBeGreaterThanOrEqual(before + 4900);
    expect(seen[0]?.deadline).toBeLessThanOrEqual(Date.now() + 5000);
    expect(seen[1]?.requestId).toBe("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    expect(seen[1]?.deadline).toBeGreaterThanOrEqual(before + 3000);
    expect(seen[2]?.deadline).toBeUndefined();
    expect(seen[2]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("settles waitUntil work before answering, since SCF freezes the instance", async () => {
    let done = false;
    const app = defineApp({
      fetch: (_request, _env, ctx) => {
        ctx.waitUntil(new Promise((resolve) => setTimeout(resolve, 30)).then(() => (done = true)));
        return new Response("accepted", { status: 202 });
      },
    });
    expect((await call(toTencent(app, { variables: {} }), fixture("function-url"))).statusCode).toBe(202);
    expect(done).toBe(true);
  });

  it("reads declared vars from the variables given, nothing else", async () => {
    const app = defineApp({ vars: ["GREETING"], fetch: (_request, env) => Response.json(env) });
    expect(json(await call(toTencent(app, { variables: { GREETING: "hi", SECRET: "x" } }), fixture("apigw")))).toEqual({ GREETING: "hi" });
  });
});

describe("timers", () => {
  const at = { name: "nightly", scheduledTime: Date.UTC(2026, 0, 1, 3) };

  it("accepts Type `timer` and `Timer`", async () => {
    const names: string[] = [];
    const handler = toTencent(defineApp({ scheduled: (event) => void names.push(`${event.name}@${event.scheduledTime}`) }), { variables: {} });
    await handler(timerEvent(at, "timer"), scfContext());
    await handler(timerEvent(at, "Timer"), scfContext());
    expect(names).toEqual([`nightly@${at.scheduledTime}`, `nightly@${at.scheduledTime}`]);
  });

  it("fails the invocation so SCF retries, unless the app called noRetry()", async () => {
    const failing = (noRetry: boolean) =>
      toTencent(
        defineApp({
          scheduled: (event) => {
            if (noRetry) event.noRetry();
            throw new Error("boom");
          },
        }),
        { variables: {}, log: () => {} },
      );
    await expect(failing(false)(timerEvent(at), scfContext())).rejects.toThrow("boom");
    await expect(failing(true)(timerEvent(at), scfContext())).resolves.toBeUndefined();
  });
});

describe("CMQ and CKafka: no per-message failure report", () => {
  const batch = {
    queue: "jobs",
    messages: [
      { id: "m1", body: '{"n":1}', attempts: 1, sentAt: Date.UTC(2026, 0, 1) },
      { id: "m2", body: "plain", attempts: 1, sentAt: Date.UTC(2026, 0, 1) },
    ],
  };
  const events = { cmq: () => cmqEvent(batch), ckafka: () => ckafkaEvent(batch).event };

  for (const [source, event] of Object.entries(events)) {
    it(`${source}: succeeds when every message is acked or left unsettled`, async () => {
      const bodies: unknown[] = [];
      const handler = toTencent(
        defineApp({
          queue: (received) => {
            bodies.push(...received.messages.map((message) => message.body));
            received.messages[0]?.ack();
          },
        }),
        { variables: {} },
      );
      await expect(handler(event(), scfContext())).resolves.toBeUndefined();
      expect(bodies).toEqual([{ n: 1 }, "plain"]);
    });

    it(`${source}: fails the whole invocation when one message is retried, even after the others were acked`, async () => {
      const handler = toTencent(
        defineApp({
          queue: (received) => {
            received.messages[0]?.ack();
            received.messages[1]?.retry({ delaySeconds: 30 });
          },
        }),
        { variables: {} },
      );
      await expect(handler(event(), scfContext())).rejects.toThrow(/^\[faasport\] \[tencent\] 1 message\(s\) to retry/);
    });

    it(`${source}: rethrows what the handler threw`, async () => {
      const handler = toTencent(
        defineApp({
          queue: () => {
            throw new Error("handler failed");
          },
        }),
        { variables: {}, log: () => {} },
      );
      await expect(handler(event(), scfContext())).rejects.toThrow("handler failed");
    });
  }

  it("reads msgTag as a comma-separated string or as a list", async () => {
    const tags: string[] = [];
    const handler = toTencent(defineApp({ queue: (received) => void tags.push(...received.messages.map((message) => message.attributes["tags"] ?? "-")) }), { variables: {} });
    const withTag = (msgTag: unknown) => {
      const event = fixture<{ Records: { CMQ: Record<string, unknown> }[] }>("cmq-topic.from-docs");
      event.Records[0]!.CMQ["msgTag"] = msgTag;
      return event;
    };
    for (const msgTag of ["tag1,tag2", ["tag1", "tag2"], "", " a , b "]) await handler(withTag(msgTag), scfContext());
    expect(tags).toEqual(["tag1,tag2", "tag1,tag2", "-", "a,b"]);
  });

  it("names a Kafka message by topic, partition and offset, the same on redelivery", async () => {
    const ids: string[] = [];
    const handler = toTencent(defineApp({ queue: (received) => void ids.push(...received.messages.map((message) => message.id)) }), { variables: {} });
    await handler(fixture("ckafka"), scfContext());
    await handler(fixture("ckafka"), scfContext());
    expect(ids).toEqual(["test-topic:1:36", "test-topic:1:37", "test-topic:1:36", "test-topic:1:37"]);
  });
});

describe("COS", () => {
  const base = { bucket: "photos", size: 10, etag: "0123abcd", time: Date.UTC(2026, 0, 1, 12) };

  it("strips the /<appid>/<bucket>/ prefix, unquotes the ETag and reads epoch seconds", async () => {
    const seen: unknown[] = [];
    const handler = toTencent(defineApp({ storage: (event) => void seen.push(event) }), { variables: {} });
    await handler(cosEvent({ ...base, key: "2026/a b+c ü.jpg", action: "created" }), scfContext());
    await handler(cosEvent({ ...base, key: "2026/gone.jpg", action: "removed" }), scfContext());
    expect(seen).toEqual([
      { bucket: "photos", key: "2026/a b+c ü.jpg", action: "created", size: 10, etag: "0123abcd", time: new Date(base.time), type: "cos:ObjectCreated:Put", region: "gz" },
      { bucket: "photos", key: "2026/gone.jpg", action: "removed", size: undefined, etag: undefined, time: new Date(base.time), type: "cos:ObjectRemove:Delete", region: "gz" },
    ]);
  });

  it("passes over restore events and fails the invocation when the handler throws", async () => {
    let calls = 0;
    const handler = toTencent(
      defineApp({
        storage: () => {
          calls += 1;
          throw new Error("cannot process");
        },
      }),
      { variables: {}, log: () => {} },
    );
    const restore = cosEvent({ ...base, key: "k", action: "created" });
    (restore.Records[0]!["event"] as Record<string, unknown>)["eventName"] = "cos:ObjectRestore:Completed";
    await expect(handler(restore, scfContext())).resolves.toBeUndefined();
    expect(calls).toBe(0);
    await expect(handler(cosEvent({ ...base, key: "k", action: "created" }), scfContext())).rejects.toThrow("cannot process");
  });
});

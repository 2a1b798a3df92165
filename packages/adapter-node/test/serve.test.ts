import { defineApp, kv, type LogRecord, queue } from "@faasport/core";
import type { LocalQueueBinding } from "@faasport/core/runtime";
import { createRequestListener, serve } from "@faasport/adapter-node";
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { sendOverSocket } from "@faasport/contract";

const get = (path: string) => ({ method: "GET", path, query: undefined, headers: [["host", "t.example"]] as [string, string][], body: undefined });

describe("serve", () => {
  it("binds port 0 to a free port and reports it, then closes", async () => {
    const app = defineApp({ fetch: (request) => new Response(new URL(request.url).host) });
    const first = await serve(app, { port: 0 });
    const second = await serve(app, { port: 0 });
    expect(first.port).toBeGreaterThan(0);
    expect(first.port).not.toBe(second.port);
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
    const answer = await fetch(`${first.url}/`);
    expect(await answer.text()).toBe(`127.0.0.1:${first.port}`);
    await Promise.all([first.close(), second.close()]);
    await expect(fetch(`${first.url}/`)).rejects.toThrow();
  });

  it("rejects when the port is taken", async () => {
    const app = defineApp({ fetch: () => new Response() });
    const taken = await serve(app, { port: 0 });
    await expect(serve(app, { port: taken.port })).rejects.toThrow(/EADDRINUSE/);
    await taken.close();
  });

  it("answers 413 past the body limit without calling the app", async () => {
    let called = false;
    const app = defineApp({ fetch: () => ((called = true), new Response()) });
    const server = await serve(app, { port: 0, maxBodyBytes: 10, log: () => {} });
    const answer = await sendOverSocket(server.port, { method: "POST", path: "/", query: undefined, headers: [["host", "h"]], body: new Uint8Array(11) });
    expect(answer.status).toBe(413);
    expect(called).toBe(false);
    await server.close();
  });

  it("streams a response body and answers 500 when the stream fails before the first chunk", async () => {
    const logs: LogRecord[] = [];
    const app = defineApp({
      fetch: (request) => {
        if (request.url.endsWith("/broken")) return new Response(new ReadableStream({ pull: () => Promise.reject(new Error("disk gone")) }));
        const chunks = ["a", "b", "c"];
        return new Response(new ReadableStream({ pull: (controller) => (chunks.length ? controller.enqueue(new TextEncoder().encode(chunks.shift())) : controller.close()) }));
      },
    });
    const server = await serve(app, { port: 0, log: (record) => logs.push(record) });
    expect(new TextDecoder().decode((await sendOverSocket(server.port, get("/stream"))).body)).toBe("abc");
    const broken = await sendOverSocket(server.port, get("/broken"));
    expect(broken.status).toBe(500);
    expect(new TextDecoder().decode(broken.body)).not.toContain("disk gone");
    expect(logs.find((record) => record.msg === "response body failed")?.["error"]).toMatchObject({ message: "disk gone" });
    await server.close();
  });

  it("uses the embedded default for bindings without a URL, and reads declared vars only", async () => {
    const app = defineApp({
      bindings: { STORE: kv() },
      vars: ["GREETING"],
      fetch: async (_r, env) => (await env.STORE.put("k", env.GREETING ?? "none"), new Response(`${await env.STORE.get("k")} ${Object.keys(env).sort().join(",")}`)),
    });
    const server = await serve(app, { port: 0, variables: { GREETING: "hi", OTHER: "x" } });
    expect(new TextDecoder().decode((await sendOverSocket(server.port, get("/"))).body)).toBe("hi GREETING,STORE");
    await server.close();
  });

  it("mounts in a server of one's own", async () => {
    const server = createServer(createRequestListener(defineApp({ fetch: (request) => new Response(request.method) })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    expect(await (await fetch(`http://127.0.0.1:${port}/`, { method: "PATCH" })).text()).toBe("PATCH");
    await new Promise((resolve) => server.close(resolve));
  });
});

describe("local queues", () => {
  it("delivers batches from a local queue binding to the app's queue handler while serving", async () => {
    type Consumer = Parameters<LocalQueueBinding["attachConsumer"]>[0];
    let consumer: Consumer | undefined;
    let detached = false;
    const jobs = {
      send: async () => {},
      sendBatch: async () => {},
      attachConsumer(attached: Consumer) {
        consumer = attached;
        return () => {
          detached = true;
        };
      },
    };
    const seen: unknown[] = [];
    const app = defineApp({ bindings: { JOBS: queue() }, fetch: () => new Response(), queue: (batch) => void seen.push(...batch.messages.map((m) => m.body)) });
    const server = await serve(app, { port: 0, env: { JOBS: jobs } });
    const result = await consumer!("jobs", [{ id: "1", body: { n: 1 }, attempts: 1, timestamp: new Date() }]);
    expect(seen).toEqual([{ n: 1 }]);
    expect(result.outcomes).toEqual([{ id: "1", action: "ack" }]);
    await server.close();
    expect(detached).toBe(true);
  });
});

import { createMemoryKV, createMemoryQueue } from "@faasport/core";
import { serve } from "@faasport/adapter-node";
import { describe, expect, it } from "vitest";
import app, { type Todo } from "../src/app";

describe("example todo app on the Node adapter", () => {
  it("creates, lists, updates and deletes todos, and queues a job per new todo", async () => {
    const jobs = createMemoryQueue();
    const server = await serve(app, { port: 0, env: { TODOS: createMemoryKV(), JOBS: jobs }, variables: { GREETING: "hi" } });
    try {
      expect(await (await fetch(`${server.url}/`)).json()).toMatchObject({ greeting: "hi", cloud: "node" });
      const created = (await (await fetch(`${server.url}/todos`, { method: "POST", body: JSON.stringify({ title: "buy milk" }) })).json()) as Todo;
      expect(created).toMatchObject({ title: "buy milk", done: false });
      expect(jobs.take().map((job) => job.body)).toEqual([{ id: created.id }]);
      const bad = await fetch(`${server.url}/todos`, { method: "POST", body: "nope" });
      expect([bad.status, await bad.text()]).toEqual([400, 'send JSON like {"title": "buy milk"}']);
      const patched = await fetch(`${server.url}/todos/${created.id}`, { method: "PATCH", body: JSON.stringify({ done: true }) });
      expect(((await patched.json()) as Todo).done).toBe(true);
      expect(((await (await fetch(`${server.url}/todos`)).json()) as Todo[]).map((todo) => todo.id)).toEqual([created.id]);
      expect((await fetch(`${server.url}/todos/${created.id}`, { method: "DELETE" })).status).toBe(204);
      expect((await fetch(`${server.url}/todos/${created.id}`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

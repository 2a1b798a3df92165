import { defineApp, HttpError, kv, queue } from "@faasport/core";

/** A todo item as stored in the `TODOS` KV. */
export interface Todo {
  readonly id: string;
  readonly title: string;
  readonly done: boolean;
  readonly createdAt: string;
  readonly notified?: boolean;
}

/** The job sent to `JOBS` when a todo is created. */
export interface TodoJob {
  readonly id: string;
}

const json = (data: unknown, status = 200): Response => Response.json(data, { status });

async function readTitle(request: Request): Promise<string> {
  const body = (await request.json().catch(() => null)) as { title?: unknown } | null;
  if (typeof body?.title !== "string" || body.title.trim() === "") throw new HttpError(400, 'send JSON like {"title": "buy milk"}');
  return body.title.trim().slice(0, 200);
}

/**
 * The example app: HTTP CRUD over a KV binding, a queue job per new todo, and
 * a nightly clean-up. The same module runs on every target; only the entry
 * files (`node.ts`, `aws.ts`, …) differ.
 */
const app = defineApp({
  bindings: { TODOS: kv(), JOBS: queue<TodoJob>() },
  vars: ["GREETING"],

  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const [, resource, id] = url.pathname.split("/");
    if (url.pathname === "/")
      return json({ app: "faasport todo", greeting: env.GREETING ?? "hello", cloud: ctx.cloud, routes: ["GET /todos", "POST /todos", "GET|PATCH|DELETE /todos/:id"] });
    if (resource !== "todos") return json({ error: "not found" }, 404);

    if (!id) {
      if (request.method === "GET") {
        const { keys } = await env.TODOS.list({ prefix: "todo:" });
        const todos = await Promise.all(keys.map((key) => env.TODOS.get<Todo>(key.name, "json")));
        return json(todos.filter((todo) => todo !== null));
      }
      if (request.method === "POST") {
        const todo: Todo = { id: crypto.randomUUID(), title: await readTitle(request), done: false, createdAt: new Date().toISOString() };
        await env.TODOS.put(`todo:${todo.id}`, JSON.stringify(todo));
        await env.JOBS.send({ id: todo.id });
        return json(todo, 201);
      }
      return json({ error: "method not allowed" }, 405);
    }

    const key = `todo:${decodeURIComponent(id)}`;
    const todo = await env.TODOS.get<Todo>(key, "json");
    if (!todo) return json({ error: "no such todo" }, 404);
    if (request.method === "GET") return json(todo);
    if (request.method === "DELETE") {
      await env.TODOS.delete(key);
      return new Response(null, { status: 204 });
    }
    if (request.method === "PATCH") {
      const patch = (await request.json().catch(() => ({}))) as { title?: unknown; done?: unknown };
      const updated: Todo = { ...todo, title: typeof patch.title === "string" ? patch.title : todo.title, done: typeof patch.done === "boolean" ? patch.done : todo.done };
      await env.TODOS.put(key, JSON.stringify(updated));
      return json(updated);
    }
    return json({ error: "method not allowed" }, 405);
  },

  async queue(batch, env, ctx) {
    for (const message of batch.messages) {
      const { id } = message.body as TodoJob;
      const todo = await env.TODOS.get<Todo>(`todo:${id}`, "json");
      if (todo) await env.TODOS.put(`todo:${id}`, JSON.stringify({ ...todo, notified: true }));
      ctx.log.info("todo job done", { id, attempts: message.attempts });
      message.ack();
    }
  },

  async scheduled(event, env, ctx) {
    const { keys } = await env.TODOS.list({ prefix: "todo:" });
    let removed = 0;
    for (const { name } of keys) {
      const todo = await env.TODOS.get<Todo>(name, "json");
      if (todo?.done) {
        await env.TODOS.delete(name);
        removed++;
      }
    }
    ctx.log.info("nightly clean-up", { schedule: event.name, removed });
  },
});

export default app;

import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, todo } from "./_helpers";

/**
 * The AWS example under serverless-offline (which emulates API Gateway and
 * Lambda from the template): the HTTP contract of the todo app, through the
 * artifact the plugin builds.
 */

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let child: ChildProcess;
let base: string;
let output = "";
beforeAll(async () => {
  ensureBuilt();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const osls = join(todo, "node_modules", "osls", "bin", "serverless.js");
  const args = ["offline", "start", "--host", "127.0.0.1", "--httpPort", String(port), "--lambdaPort", String(await freePort()), "--websocketPort", String(await freePort())];
  child = spawn(process.execPath, [osls, ...args], { cwd: todo, env: { ...process.env, FAASPORT_CLOUD: "aws", SLS_TELEMETRY_DISABLED: "1" }, detached: true });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes("Server ready")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serverless-offline did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);

afterAll(async () => {
  // Its own process group: serverless-offline runs workers of its own.
  if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(undefined)));
  rmSync(join(todo, ".serverless-offline"), { recursive: true, force: true });
});

describe("the todo app under serverless-offline", () => {
  it("serves the HTTP contract: create, read, list, update, delete, errors", async () => {
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(200);
    expect(await root.json()).toMatchObject({ app: "faasport todo", greeting: "hello from faasport", cloud: "aws" });

    const created = await fetch(`${base}/todos`, { method: "POST", body: JSON.stringify({ title: "buy milk" }) });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/application\/json/);
    const todoItem = (await created.json()) as { id: string; title: string; done: boolean };
    expect(todoItem).toMatchObject({ title: "buy milk", done: false });

    expect(await (await fetch(`${base}/todos/${todoItem.id}`)).json()).toMatchObject({ id: todoItem.id });
    const list = (await (await fetch(`${base}/todos`)).json()) as { id: string }[];
    expect(list.map((each) => each.id)).toContain(todoItem.id);

    const patched = await fetch(`${base}/todos/${todoItem.id}`, { method: "PATCH", body: JSON.stringify({ done: true }) });
    expect(await patched.json()).toMatchObject({ id: todoItem.id, done: true });

    const bad = await fetch(`${base}/todos`, { method: "POST", body: "not json" });
    expect([bad.status, await bad.text()]).toEqual([400, 'send JSON like {"title": "buy milk"}']);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);

    expect((await fetch(`${base}/todos/${todoItem.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${base}/todos/${todoItem.id}`)).status).toBe(404);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import "@faasport/bindings";
import { serve } from "@faasport/adapter-node";
import { afterAll, describe, expect, it } from "vitest";
import app, { type Todo } from "../src/app";

const dir = mkdtempSync(join(tmpdir(), "faasport-todo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("example todo app on the embedded default (what `pnpm start` runs)", () => {
  it("keeps todos in .faasport/dev.db and runs its queue job through the local queue, across restarts", async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const first = await serve(app, { port: 0, variables: {}, log: () => {} });
      const created = (await (await fetch(`${first.url}/todos`, { method: "POST", body: JSON.stringify({ title: "buy milk" }) })).json()) as Todo;
      const deadline = Date.now() + 5_000;
      let todo: Todo | undefined;
      while (!todo?.notified && Date.now() < deadline) {
        todo = (await (await fetch(`${first.url}/todos/${created.id}`)).json()) as Todo;
        if (!todo.notified) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(todo).toMatchObject({ id: created.id, title: "buy milk", notified: true });
      await first.close();

      const second = await serve(app, { port: 0, variables: {}, log: () => {} });
      expect(((await (await fetch(`${second.url}/todos`)).json()) as Todo[]).map((each) => [each.id, each.notified])).toEqual([[created.id, true]]);
      await second.close();
    } finally {
      process.chdir(cwd);
    }
  });
});

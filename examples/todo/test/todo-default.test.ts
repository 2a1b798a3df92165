import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dev } from "@faasport/cli";
import { afterAll, describe, expect, it } from "vitest";
import type { Todo } from "../src/app";

// A copy of the example inside it, so packages and the workspace tsconfig resolve exactly as for `pnpm start`.
const example = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(example, ".faasport"), { recursive: true });
const root = mkdtempSync(join(example, ".faasport", "quickstart-"));
mkdirSync(join(root, "src"));
copyFileSync(join(example, "src", "app.ts"), join(root, "src", "app.ts"));
copyFileSync(join(example, "serverless.yml"), join(root, "serverless.yml"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe("the quickstart: `faasport dev` on the todo example (what `pnpm start` runs)", () => {
  it("keeps todos in .faasport/dev.db and runs the queue job through the local queue, across restarts", async () => {
    const first = await dev({ root, port: 0, watch: false });
    let created: Todo;
    try {
      created = (await (await fetch(`${first.url}/todos`, { method: "POST", body: JSON.stringify({ title: "buy milk" }) })).json()) as Todo;
      const todo = await until(
        async () => (await (await fetch(`${first.url}/todos/${created.id}`)).json()) as Todo,
        (value) => value.notified === true,
      );
      expect(todo).toMatchObject({ id: created.id, title: "buy milk", notified: true });
      expect(existsSync(join(root, ".faasport", "dev.db"))).toBe(true);
    } finally {
      await first.close();
    }
    const second = await dev({ root, port: 0, watch: false });
    try {
      const todos = (await (await fetch(`${second.url}/todos`)).json()) as Todo[];
      expect(todos.map((each) => [each.id, each.notified])).toEqual([[created.id, true]]);
    } finally {
      await second.close();
    }
  }, 60_000);
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runKVSuite } from "@faasport/contract";
import { afterAll } from "vitest";
import { createSqliteKV } from "../src/sqlite";

const dir = mkdtempSync(join(tmpdir(), "faasport-sqlite-"));
let clock = Date.now();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runKVSuite({
  name: "sqlite",
  create: () => createSqliteKV({ path: join(dir, "nested", "kv.db"), namespace: "TODOS", now: () => clock }),
  dispose: (kv) => (kv as ReturnType<typeof createSqliteKV>).close(),
  limits: { maxValueBytes: 25 * 1024 * 1024, listOrder: "lexicographic" },
  compareAndSet: true,
  clock: { now: () => clock, advance: (seconds) => void (clock += seconds * 1000) },
});

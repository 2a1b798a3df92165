import { runKVSuite } from "@faasport/contract";
import { expect, it } from "vitest";
import { createKV } from "../src/index";
import { createMemoryKV } from "../src/memory";

let clock = Date.now();
runKVSuite({
  name: "memory",
  create: () => createMemoryKV({ now: () => clock }),
  limits: { listOrder: "lexicographic" },
  compareAndSet: true,
  clock: { now: () => clock, advance: (seconds) => void (clock += seconds * 1000) },
});

it("builds from memory:, one private store per call", async () => {
  const first = createKV("memory:");
  await first.put("k", "v");
  expect([await first.get("k"), await createKV("memory:").get("k")]).toEqual(["v", null]);
});

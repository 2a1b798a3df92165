import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string): string => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Tests import the packages by name and run against their sources, so no build is needed between edits.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@faasport\/core\/runtime$/, replacement: src("core/src/runtime/index.ts") },
      { find: /^@faasport\/core$/, replacement: src("core/src/index.ts") },
      { find: /^@faasport\/contract$/, replacement: src("contract/src/index.ts") },
      { find: /^@faasport\/contract\/(app|payloads)$/, replacement: src("contract/src/$1.ts") },
      { find: /^@faasport\/adapter-([a-z]+)$/, replacement: src("adapter-$1/src/index.ts") },
      { find: /^@faasport\/cli$/, replacement: src("cli/src/index.ts") },
      { find: /^@faasport\/bindings$/, replacement: src("bindings/src/index.ts") },
      { find: /^@faasport\/bindings\/(.+)$/, replacement: src("bindings/src/$1.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts", "bench/test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});

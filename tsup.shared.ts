import { defineConfig, type Options } from "tsup";

/**
 * The one build every package shares: ESM + CJS + declarations per entry.
 * Kept to options tsdown also has, so moving to tsup's successor is a small change.
 */
export function packageBuild(entry: Record<string, string>, extra: Options = {}): ReturnType<typeof defineConfig> {
  return defineConfig({
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "node20",
    sourcemap: false,
    treeshake: true,
    splitting: true,
    ...extra,
  });
}

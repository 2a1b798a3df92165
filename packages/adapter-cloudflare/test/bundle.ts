import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const packages = fileURLToPath(new URL("../../", import.meta.url));

/** The workspace packages from their sources, as vitest resolves them, so a test never runs a stale build. */
const workspaceSources: Plugin = {
  name: "faasport-sources",
  setup(builder) {
    const sources: [RegExp, (match: RegExpExecArray) => string][] = [
      [/^@faasport\/core\/runtime$/, () => "core/src/runtime/index.ts"],
      [/^@faasport\/core$/, () => "core/src/index.ts"],
      [/^@faasport\/contract$/, () => "contract/src/index.ts"],
      [/^@faasport\/adapter-([a-z]+)$/, (match) => `adapter-${match[1]}/src/index.ts`],
    ];
    builder.onResolve({ filter: /^@faasport\// }, ({ path }) => {
      for (const [pattern, file] of sources) {
        const match = pattern.exec(path);
        if (match) return { path: packages + file(match) };
      }
      return undefined;
    });
  },
};

/** The adapter's entry, for generated Worker entries to import. */
export const adapterEntry: string = packages + "adapter-cloudflare/src/index.ts";

/**
 * Bundles a Worker entry (module source, resolved from `resolveDir`) into one
 * ES module, as wrangler would: browser-style conditions, no Node built-ins.
 */
export async function bundleWorker(entry: string, resolveDir: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir, loader: "ts", sourcefile: "worker-entry.ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    logLevel: "silent",
    plugins: [workspaceSources],
  });
  return result.outputFiles[0]!.text;
}

/** A fresh copy of a Cloudflare sample from `test/fixtures` (see SOURCES.md there). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as T;
}

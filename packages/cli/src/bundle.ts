import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ProviderError } from "@faasport/core";
import type { BuildOptions, Plugin } from "esbuild";

/** Where a bundle runs. */
export type BundleTarget = "node-cjs" | "node-esm" | "workers";

/** Options every bundling entry point takes. */
export interface BundleOptions {
  /** Extra esbuild options, merged last (an `alias`, `define`, `minify: false`…). */
  readonly esbuild?: BuildOptions;
}

/** This package's own folder: `@faasport/*` packages the project does not depend on are resolved from here. */
const ownDir = dirname(fileURLToPath(import.meta.url));

/**
 * Resolves `@faasport/*` from the project first, then from the CLI's own
 * dependencies, so a project needs only `@faasport/core` and the CLI.
 * Other packages stay external when `externalPackages` is set (dev and
 * inspection run next to the project's `node_modules`).
 */
function faasportResolver(externalPackages: boolean): Plugin {
  return {
    name: "faasport-resolve",
    setup(build) {
      build.onResolve({ filter: /^@faasport\// }, async (args) => {
        if (args.pluginData === "faasport-resolve") return undefined;
        const first = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "faasport-resolve" });
        if (first.errors.length === 0) return first;
        const fallback = await build.resolve(args.path, { kind: args.kind, resolveDir: ownDir, pluginData: "faasport-resolve" });
        return fallback.errors.length === 0 ? fallback : first;
      });
      if (externalPackages) {
        build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@faasport/") || args.path.startsWith("node:") ? undefined : { path: args.path, external: true }));
      }
    },
  };
}

const targets: Record<BundleTarget, BuildOptions> = {
  // One CommonJS file: what every Node.js runtime of Lambda, FC and SCF loads without a package.json.
  "node-cjs": { platform: "node", format: "cjs", target: "node20" },
  "node-esm": {
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: 'import { createRequire as __faasportRequire } from "node:module"; const require = __faasportRequire(import.meta.url);' },
  },
  workers: {
    platform: "neutral",
    format: "esm",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    external: ["node:*", "cloudflare:*"],
  },
};

/**
 * Bundles generated entry source into one file with esbuild and returns its text.
 * esbuild loads lazily: commands that never bundle never pay for it.
 */
export async function bundle(
  source: { readonly contents: string; readonly resolveDir: string; readonly name: string },
  target: BundleTarget,
  options: BundleOptions & { readonly external?: readonly string[]; readonly externalPackages?: boolean; readonly minify?: boolean } = {},
): Promise<string> {
  const esbuild = await import("esbuild");
  const base = targets[target];
  try {
    const result = await esbuild.build({
      stdin: { contents: source.contents, resolveDir: source.resolveDir, sourcefile: source.name, loader: "ts" },
      bundle: true,
      write: false,
      minify: options.minify ?? false,
      legalComments: "none",
      logLevel: "silent",
      ...base,
      external: [...(base.external ?? []), ...(options.external ?? [])],
      plugins: [faasportResolver(options.externalPackages ?? false)],
      ...options.esbuild,
    });
    return result.outputFiles![0]!.text;
  } catch (cause) {
    const errors = (cause as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors ?? [];
    const detail = errors.map((error) => `${error.location ? `${error.location.file}:${error.location.line}: ` : ""}${error.text}`).join("; ");
    throw new ProviderError("esbuild", `could not bundle ${source.name}: ${detail || (cause as Error).message}`, { retryable: false, cause });
  }
}

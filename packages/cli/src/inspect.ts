import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigurationError, isApp } from "@faasport/core";
import { bundle, type BundleOptions } from "./bundle";

/** What an app declares, read by loading its module once at build time. */
export interface AppInfo {
  /** Declared bindings and their kinds. */
  readonly bindings: Readonly<Record<string, "kv" | "queue">>;
  readonly vars: readonly string[];
  /** The handlers it defines. */
  readonly handlers: readonly ("fetch" | "queue" | "scheduled" | "storage")[];
}

/**
 * Loads an app module (TypeScript or JavaScript) and reads its declarations:
 * bindings with their kinds, vars and handlers. The module is bundled with
 * its `@faasport/*` imports into `.faasport/inspect/` and imported from there,
 * so its other packages resolve from the project as they would at run time.
 * Its top-level code runs once, as in any cold start.
 *
 * @example
 * const info = await inspectApp(process.cwd(), "src/app.ts");
 * info.bindings; // { TODOS: "kv", JOBS: "queue" }
 */
export async function inspectApp(root: string, app: string, options: BundleOptions = {}): Promise<AppInfo> {
  const path = resolve(root, app);
  const code = await bundle({ contents: `export { default } from ${JSON.stringify(path)};`, resolveDir: root, name: `inspect:${app}` }, "node-esm", {
    ...options,
    externalPackages: true,
  });
  const dir = join(root, ".faasport", "inspect");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  // Written aside and renamed: several packaging processes may load the same app at once.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, file);
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  const value = module.default;
  if (!isApp(value))
    throw new ConfigurationError(`${app} must \`export default defineApp({...})\` from @faasport/core; its default export is ${value === undefined ? "missing" : typeof value}`);
  return {
    bindings: Object.fromEntries(Object.entries(value.bindings).map(([name, declaration]) => [name, declaration.kind])),
    vars: [...value.vars],
    handlers: (["fetch", "queue", "scheduled", "storage"] as const).filter((handler) => typeof value[handler] === "function"),
  };
}

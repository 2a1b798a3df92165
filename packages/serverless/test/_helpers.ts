import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, "..", "..", "..");
/** The example every test packages: the one the README starts. */
export const todo = join(repo, "examples", "todo");
const osls = join(here, "..", "node_modules", "osls", "bin", "serverless.js");

function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => (entry.isFile() ? statSync(join(entry.parentPath, entry.name)).mtimeMs : 0)));
}

/**
 * The framework loads the plugin (and the plugin the CLI) from `dist`, as users get them:
 * rebuild the two packages when their sources are newer than their build.
 */
export function ensureBuilt(): void {
  for (const name of ["cli", "serverless"]) {
    const dir = join(repo, "packages", name);
    let built = 0;
    try {
      built = statSync(join(dir, "dist", "index.cjs")).mtimeMs;
    } catch {}
    if (built < newest(join(dir, "src"))) execFileSync(process.execPath, [join(repo, "node_modules", "tsup", "dist", "cli-default.js")], { cwd: dir, stdio: "ignore" });
  }
}

export interface Run {
  readonly code: number;
  readonly output: string;
}

/** Runs osls in the example (or a service directory given) with `FAASPORT_CLOUD` set, as a user would. */
export function sls(cloud: string, args: readonly string[], env: Record<string, string | undefined> = {}, cwd = todo): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [osls, ...args], { cwd, env: { ...process.env, FAASPORT_CLOUD: cloud, SLS_TELEMETRY_DISABLED: "1", ...env } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Packages the example for a cloud into a fresh directory and returns it. */
export async function packageFor(cloud: string, env: Record<string, string> = {}): Promise<string> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), `faasport-${cloud}-`));
  const run = await sls(cloud, ["package", "--package", dir], env);
  if (run.code !== 0) throw new Error(`osls package for ${cloud} failed:\n${run.output}`);
  return dir;
}

/** The files of a zip, by name. */
export function unzip(path: string): Record<string, Uint8Array> {
  return unzipSync(readFileSync(path));
}

/** Loads the `index.js` of a packaged zip the way the Node runtimes of Lambda, FC and SCF do: CommonJS, from its own folder. */
export function loadArtifact(zipPath: string): Record<string, (event: unknown, context: unknown) => Promise<unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "faasport-artifact-"));
  for (const [name, content] of Object.entries(unzip(zipPath))) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return createRequire(join(dir, "index.js"))(join(dir, "index.js")) as Record<string, (event: unknown, context: unknown) => Promise<unknown>>;
}

/** A captured native event from an adapter's fixtures (each file's source is in that folder's SOURCES.md). */
export function fixture(adapter: string, name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(repo, "packages", `adapter-${adapter}`, "test", "fixtures", `${name}.json`), "utf8")) as Record<string, unknown>;
}

/** A temporary directory removed by the caller. */
export function scratch(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

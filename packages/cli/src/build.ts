import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ConfigurationError } from "@faasport/core";
import { zipSync } from "fflate";
import { bundle, type BundleOptions } from "./bundle";
import { loadProject, type Project } from "./config";
import type { DeployCloud } from "./cron";
import { artifactLayout, checkTriggers, entrySource } from "./entry";
import { type AppInfo, inspectApp } from "./inspect";
import type { FunctionDefinition } from "./project";

/** Options for {@link build}. */
export interface BuildOptions extends BundleOptions {
  /** The project root (where `serverless.yml` is). */
  readonly root: string;
  readonly cloud: DeployCloud;
  /** The neutral definitions; read from the root's `serverless.yml` when absent. */
  readonly project?: Project;
  /** Where artifacts go. Default `<root>/.faasport/build/<cloud>`. */
  readonly outDir?: string;
  /** The stage, for resource names that carry it (Cloudflare storage queues, AWS schedule rules). Default `dev`. */
  readonly stage?: string;
  /** Minify the bundle (default `true`: one small file). */
  readonly minify?: boolean;
  /** Told what is happening, for progress output. */
  readonly onProgress?: (message: string) => void;
}

/** One function's deployable artifact. */
export interface BuiltFunction {
  readonly name: string;
  readonly definition: FunctionDefinition;
  /** The artifact: a zip with `index.js` for Lambda, FC and SCF; the module Worker itself for Cloudflare. */
  readonly artifact: string;
  /** The handler setting the platform needs (`index.handler`, `index.main_handler`; the main module on Workers). */
  readonly handler: string;
  /** The bundled code. */
  readonly code: string;
  /** What the app declares. */
  readonly app: AppInfo;
}

/** What {@link build} produced. */
export interface BuildResult {
  readonly cloud: DeployCloud;
  readonly outDir: string;
  readonly functions: readonly BuiltFunction[];
}

// A fixed timestamp keeps zips byte-identical for identical code, so unchanged functions are not redeployed.
const zipTime = new Date("2000-01-01T00:00:00Z");

/** Packs files into a zip the way every cloud's code upload takes it. */
export function zipFiles(files: Readonly<Record<string, string | Uint8Array>>): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([name, content]) => [name, [typeof content === "string" ? new TextEncoder().encode(content) : content, { mtime: zipTime }]])),
    { level: 9 },
  );
}

/**
 * Builds one function for one cloud into its code: the app module bundled
 * with the adapter's entry, the AWS SDK left to the Lambda runtime.
 */
export async function bundleFunction(
  root: string,
  fn: FunctionDefinition,
  cloud: DeployCloud,
  options: BundleOptions & { readonly service?: string; readonly stage?: string; readonly minify?: boolean; readonly app?: AppInfo } = {},
): Promise<{ code: string; app: AppInfo }> {
  const app = options.app ?? (await inspectApp(root, fn.app, options));
  checkTriggers(fn, app);
  const contents = entrySource(root, fn, cloud, app, { service: options.service ?? "faasport-app", stage: options.stage ?? "dev" });
  const code = await bundle({ contents, resolveDir: root, name: `faasport-${cloud}-${fn.name}.ts` }, cloud === "cloudflare" ? "workers" : "node-cjs", {
    ...options,
    minify: options.minify ?? true,
    external: cloud === "aws" ? ["@aws-sdk/*"] : [],
  });
  return { code, app };
}

/**
 * Builds deployable artifacts for every function of a project on one cloud,
 * without the Serverless Framework: a zip with one `index.js` per function
 * for AWS Lambda, Alibaba FC and Tencent SCF, a module Worker for Cloudflare.
 * The Serverless plugin packages through this same function.
 *
 * @example
 * const result = await build({ root: process.cwd(), cloud: "aws" });
 * for (const fn of result.functions) console.log(fn.name, fn.artifact, fn.handler);
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const project = options.project ?? loadProject(options.root, options.stage === undefined ? {} : { stage: options.stage });
  if (project.functions.length === 0) throw new ConfigurationError("nothing to build: the project declares no function");
  const outDir = options.outDir ?? join(options.root, ".faasport", "build", options.cloud);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const layout = artifactLayout[options.cloud];
  const functions: BuiltFunction[] = [];
  const inspected = new Map<string, AppInfo>();
  for (const fn of project.functions) {
    options.onProgress?.(`bundling ${fn.name} (${fn.app}) for ${options.cloud}`);
    const known = inspected.get(fn.app);
    const { code, app } = await bundleFunction(options.root, fn, options.cloud, { ...options, service: project.service, ...(known ? { app: known } : {}) });
    inspected.set(fn.app, app);
    const artifact = join(outDir, options.cloud === "cloudflare" ? `${fn.name}.js` : `${fn.name}.zip`);
    // The package.json keeps index.js CommonJS wherever the zip is unpacked, even under a project with "type": "module" (serverless-offline does that).
    writeFileSync(artifact, options.cloud === "cloudflare" ? code : zipFiles({ [layout.file]: code, "package.json": '{ "type": "commonjs" }\n' }));
    options.onProgress?.(`${fn.name}: ${relative(options.root, artifact)} (${(Buffer.byteLength(code) / 1024).toFixed(1)} KiB of code)`);
    functions.push({ name: fn.name, definition: fn, artifact, handler: layout.handler, code, app });
  }
  return { cloud: options.cloud, outDir, functions };
}

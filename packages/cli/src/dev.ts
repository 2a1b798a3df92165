import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, type FSWatcher, mkdirSync, watch, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigurationError } from "@faasport/core";
import { bundle, type BundleOptions } from "./bundle";
import { loadProject, type Project } from "./config";
import type { DevServerMessage } from "./dev-server";
import type { FunctionDefinition } from "./project";

/** Options for {@link dev}. */
export interface DevOptions extends BundleOptions {
  readonly root: string;
  /** The neutral definitions; read from `serverless.yml` on every reload when absent. */
  readonly project?: Project;
  /** The function to run; default the first with an http event, else the first. */
  readonly function?: string;
  /** Default `PORT`, else 3000; `0` picks a free port. */
  readonly port?: number;
  readonly hostname?: string;
  /** Restart on every change under the root (default `true`). */
  readonly watch?: boolean;
  /** Told what happens: builds, restarts, schedules fired, errors. */
  readonly onEvent?: (event: DevEvent) => void;
}

/** What {@link dev} reports. */
export type DevEvent =
  | { readonly type: "building" }
  | { readonly type: "ready"; readonly url: string; readonly reload: number; readonly ms: number }
  | { readonly type: "scheduled"; readonly name: string; readonly ok: boolean }
  | { readonly type: "error"; readonly error: Error };

/** A running dev server. */
export interface DevHandle {
  /** The URL the app answers on. */
  readonly url: string;
  /** Rebuilds and restarts now; resolves when the new server is ready. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const serverModule = join(here, existsSync(join(here, "dev-server.ts")) ? "dev-server.ts" : "dev-server.js");
const ignored = /(^|[/\\])(node_modules|\.faasport|\.serverless|\.wrangler|dist|\.git)([/\\]|$)/;

function pick(project: Project, name: string | undefined): FunctionDefinition {
  if (name !== undefined) {
    const found = project.functions.find((fn) => fn.name === name);
    if (!found) throw new ConfigurationError(`no function ${name}; the project has ${project.functions.map((fn) => fn.name).join(", ")}`);
    return found;
  }
  return project.functions.find((fn) => fn.triggers.some((trigger) => trigger.kind === "http")) ?? project.functions[0]!;
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Runs an app locally the way it runs in the cloud, with nothing to install:
 * the Node adapter, SQLite-backed bindings in `.faasport/dev.db`, local queues
 * delivering to the app's `queue` handler, the function's cron schedules
 * firing (UTC), and a restart on every file change. The app runs in a child
 * process, so a reload starts from a clean module graph.
 *
 * @example
 * const server = await dev({ root: process.cwd(), port: 3000 });
 * console.log(`listening on ${server.url}`);
 */
export async function dev(options: DevOptions): Promise<DevHandle> {
  const root = resolve(options.root);
  const outDir = join(root, ".faasport", "dev");
  mkdirSync(outDir, { recursive: true });
  let child: ChildProcess | undefined;
  let url = "";
  let reloads = 0;
  let port = options.port ?? (Number(process.env["PORT"]) || 3000);

  const start = async (): Promise<void> => {
    const began = Date.now();
    options.onEvent?.({ type: "building" });
    const project = options.project ?? loadProject(root);
    const fn = pick(project, options.function);
    const schedules = fn.triggers.flatMap((trigger) => (trigger.kind === "schedule" ? [{ name: trigger.name, cron: trigger.cron.source }] : []));
    const config = { port, hostname: options.hostname ?? "127.0.0.1", schedules };
    const contents = [
      `import "@faasport/bindings";`,
      `import app from ${JSON.stringify(resolve(root, fn.app))};`,
      `import { runDevServer } from ${JSON.stringify(serverModule)};`,
      `await runDevServer(app, ${JSON.stringify(config)});`,
    ].join("\n");
    const code = await bundle({ contents, resolveDir: root, name: "faasport-dev.ts" }, "node-esm", { ...options, externalPackages: true });
    const file = join(outDir, "server.mjs");
    writeFileSync(file, code);
    await stopChild(child);
    const next = spawn(process.execPath, [file], { cwd: root, stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, ...fn.environment } });
    child = next;
    url = await new Promise<string>((ready, fail) => {
      next.on("message", (message: DevServerMessage) => {
        if (message.type === "ready") ready(message.url);
        else options.onEvent?.(message);
      });
      next.once("exit", (code) => fail(new ConfigurationError(`the app exited during start (code ${code}); see its output above`)));
    });
    // Keep the port across restarts, even one picked with `port: 0`.
    port = Number(new URL(url).port);
    options.onEvent?.({ type: "ready", url, reload: reloads++, ms: Date.now() - began });
  };

  await start();
  let pending: Promise<void> = Promise.resolve();
  const reload = (): Promise<void> => {
    pending = pending.then(start).catch((error: unknown) => {
      options.onEvent?.({ type: "error", error: error instanceof Error ? error : new Error(String(error)) });
    });
    return pending;
  };

  let watcher: FSWatcher | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (options.watch ?? true) {
    watcher = watch(root, { recursive: true }, (_event, name) => {
      if (name === null || ignored.test(String(name))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 100);
    });
  }

  return {
    get url() {
      return url;
    },
    reload,
    async close() {
      clearTimeout(timer);
      watcher?.close();
      await pending;
      await stopChild(child);
    },
  };
}

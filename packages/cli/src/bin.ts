#!/usr/bin/env node
/**
 * `faasport dev | invoke | build`: see `faasport --help`.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isFaasportError } from "@faasport/core";
import { build } from "./build";
import { loadProject, type Project, projectFromApp } from "./config";
import type { DeployCloud } from "./cron";
import { dev } from "./dev";
import { invoke } from "./invoke";
import { withProgress } from "./progress";

const help = `faasport: run a faasport app locally, try one native event, build artifacts per cloud.

  faasport dev [app] [--port 3000] [--host 127.0.0.1] [--function name] [--no-watch]
      The app on the Node adapter, with SQLite bindings in .faasport/dev.db, local queues
      delivering to its queue handler, its schedules firing, and a restart on every change.
      POST /__faasport/scheduled?name=<schedule> fires a schedule at once.

  faasport invoke --cloud <aws|aliyun|tencent|cloudflare> --event <file.json> [--function name] [app]
      Sends one native event through that cloud's adapter and prints the native result.

  faasport build --cloud <aws|aliyun|tencent|cloudflare|all> [--out dir] [--stage dev] [app]
      Deployable artifacts, without the Serverless Framework: a zip per function for
      Lambda, FC and SCF, a module Worker for Cloudflare.

Functions and their events come from custom.faasport in ./serverless.yml; an app path
instead (src/app.ts) runs that module alone as one HTTP function.`;

const clouds: readonly DeployCloud[] = ["aws", "aliyun", "tencent", "cloudflare"];

class UsageError extends Error {
  override readonly name = "UsageError";
}

function cloudOption(value: string | undefined, allowAll: boolean): DeployCloud[] {
  if (value === undefined) throw new UsageError(`--cloud is required: one of ${clouds.join(", ")}${allowAll ? " or all" : ""}`);
  if (allowAll && value === "all") return [...clouds];
  const picked = value.split(",") as DeployCloud[];
  const unknown = picked.find((cloud) => !clouds.includes(cloud));
  if (unknown) throw new UsageError(`unknown cloud "${unknown}": use ${clouds.join(", ")}${allowAll ? " or all" : ""}`);
  return picked;
}

function project(root: string, app: string | undefined, stage?: string): Project {
  if (app !== undefined) {
    if (!existsSync(resolve(root, app))) throw new UsageError(`no such app module: ${app}`);
    return projectFromApp(root, app);
  }
  return loadProject(root, stage === undefined ? {} : { stage });
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      cloud: { type: "string", short: "c" },
      event: { type: "string", short: "e" },
      function: { type: "string", short: "f" },
      port: { type: "string", short: "p" },
      host: { type: "string" },
      out: { type: "string", short: "o" },
      stage: { type: "string", short: "s" },
      "no-watch": { type: "boolean" },
    },
  });
  const [command, app] = positionals;
  const root = process.cwd();
  if (values.help || command === undefined || command === "help") {
    console.log(help);
    return command === undefined && !values.help ? 1 : 0;
  }
  switch (command) {
    case "dev": {
      const port = values.port === undefined ? undefined : Number(values.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`--port ${values.port} is not a port number`);
      const handle = await withProgress("starting the dev server", () =>
        dev({
          root,
          ...(app === undefined ? {} : { project: project(root, app) }),
          ...(values.function === undefined ? {} : { function: values.function }),
          ...(port === undefined ? {} : { port }),
          ...(values.host === undefined ? {} : { hostname: values.host }),
          watch: !values["no-watch"],
          onEvent: (event) => {
            if (event.type === "ready" && event.reload > 0) console.error(`[faasport] reloaded in ${event.ms} ms`);
            if (event.type === "error") console.error(`[faasport] reload failed, still serving the last good build: ${event.error.message}`);
            if (event.type === "scheduled") console.error(`[faasport] schedule ${event.name} ${event.ok ? "ran" : "failed"}`);
          },
        }),
      );
      console.log(`faasport dev: ${handle.url}  (try: curl ${handle.url}/)`);
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void handle.close().then(() => process.exit(0)));
      return await new Promise<number>(() => {});
    }
    case "invoke": {
      const [cloud] = cloudOption(values.cloud, false);
      if (values.event === undefined) throw new UsageError("--event <file.json> is required: a native event as the cloud sends it");
      let event: unknown;
      try {
        event = JSON.parse(readFileSync(resolve(root, values.event), "utf8"));
      } catch (cause) {
        throw new UsageError(`--event ${values.event}: ${(cause as Error).message}`);
      }
      const result = await withProgress(`invoking on ${cloud}`, () =>
        invoke({ root, cloud: cloud!, event, project: project(root, app), ...(values.function === undefined ? {} : { function: values.function }) }),
      );
      console.log(JSON.stringify(result ?? null, null, 2));
      return 0;
    }
    case "build": {
      for (const cloud of cloudOption(values.cloud, true)) {
        const result = await withProgress(`building for ${cloud}`, (step) =>
          build({
            root,
            cloud,
            project: project(root, app, values.stage),
            ...(values.out === undefined ? {} : { outDir: resolve(root, values.out, cloud) }),
            ...(values.stage === undefined ? {} : { stage: values.stage }),
            onProgress: step,
          }),
        );
        for (const fn of result.functions) console.log(`${cloud}\t${fn.name}\t${relative(root, fn.artifact)}\t${fn.handler}`);
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}": use dev, invoke or build (faasport --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof UsageError ? `faasport: ${message}\n\n${help}` : isFaasportError(error) ? message : `faasport: ${message}`);
    if (!(error instanceof UsageError) && !isFaasportError(error) && error instanceof Error && error.stack) console.error(error.stack);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);

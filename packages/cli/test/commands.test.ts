import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build";
import { type DevEvent, dev } from "../src/dev";
import { invoke } from "../src/invoke";

/**
 * `faasport dev`, `build` and `invoke` on a small project of their own
 * (under the package's `.faasport/`, so `@faasport/*` resolve as for a user
 * who installed only the CLI and core).
 */

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "..");
mkdirSync(join(packageDir, ".faasport"), { recursive: true });
const root = mkdtempSync(join(packageDir, ".faasport", "project-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const appSource = (version: string): string => `import { defineApp, kv, queue } from "@faasport/core";
export default defineApp({
  bindings: { STATE: kv(), JOBS: queue<{ n: number }>() },
  vars: ["GREETING"],
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/job") { await env.JOBS.send({ n: 7 }); return new Response(null, { status: 202 }); }
    if (url.pathname === "/state") return Response.json({ seen: await env.STATE.get("seen"), ticked: await env.STATE.get("ticked") });
    return new Response("${version} " + (env.GREETING ?? ""));
  },
  async queue(batch, env) { for (const message of batch.messages) await env.STATE.put("seen", String((message.body as { n: number }).n)); },
  async scheduled(event, env) { await env.STATE.put("ticked", event.name); },
});
`;

beforeAll(() => {
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(join(root, "src", "app.ts"), appSource("v1"));
  writeFileSync(
    join(root, "serverless.yml"),
    `service: probe
custom:
  faasport:
    functions:
      api:
        app: src/app.ts
        environment:
          GREETING: hi
        events:
          - http: true
          - queue: JOBS
          - schedule: { name: tick, cron: "0 0 1 1 *" }
`,
  );
});

const waitFor = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe("faasport dev", () => {
  it("serves the app with SQLite bindings, delivers its queue, fires its schedule, and reloads on change", async () => {
    const events: DevEvent[] = [];
    const server = await dev({ root, port: 0, onEvent: (event) => events.push(event) });
    try {
      expect(await (await fetch(`${server.url}/`)).text()).toBe("v1 hi");
      expect((await fetch(`${server.url}/job`, { method: "POST" })).status).toBe(202);
      const state = await waitFor(
        async () => (await (await fetch(`${server.url}/state`)).json()) as { seen: string | null },
        (value) => value.seen === "7",
      );
      expect(state.seen).toBe("7");

      const fired = await fetch(`${server.url}/__faasport/scheduled?name=tick`, { method: "POST" });
      expect(await fired.json()).toEqual({ schedule: "tick", ok: true });
      expect(await (await fetch(`${server.url}/state`)).json()).toEqual({ seen: "7", ticked: "tick" });
      expect(statSync(join(root, ".faasport", "dev.db")).size).toBeGreaterThan(0);

      const url = server.url;
      writeFileSync(join(root, "src", "app.ts"), appSource("v2"));
      await waitFor(
        async () => events.filter((event) => event.type === "ready").length,
        (count) => count >= 2,
      );
      expect(server.url).toBe(url);
      expect(await (await fetch(`${server.url}/`)).text()).toBe("v2 hi");
      // The data outlives the restart: it is in .faasport/dev.db.
      expect(await (await fetch(`${server.url}/state`)).json()).toEqual({ seen: "7", ticked: "tick" });
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe("faasport build and invoke", () => {
  it("builds a zip per function for the Node clouds and a module Worker for Cloudflare", async () => {
    const aws = await build({ root, cloud: "aws", outDir: join(root, ".faasport", "out-aws") });
    expect(aws.functions.map((fn) => [fn.name, fn.handler])).toEqual([["api", "index.handler"]]);
    const files = unzipSync(readFileSync(aws.functions[0]!.artifact));
    expect(Object.keys(files).sort()).toEqual(["index.js", "package.json"]);
    expect(new TextDecoder().decode(files["index.js"])).toContain("handler");
    const tencent = await build({ root, cloud: "tencent", outDir: join(root, ".faasport", "out-tencent") });
    expect(tencent.functions[0]!.handler).toBe("index.main_handler");
    const worker = await build({ root, cloud: "cloudflare", outDir: join(root, ".faasport", "out-cf") });
    expect(readFileSync(worker.functions[0]!.artifact, "utf8")).toMatch(/export\s*\{[^}]*as default/);
  }, 30_000);

  it("sends one native event through one adapter and gives back the native result", async () => {
    const event = JSON.parse(readFileSync(join(packageDir, "..", "adapter-aws", "test", "fixtures", "apigw-http-v2-no-auth.json"), "utf8")) as {
      rawPath: string;
      requestContext: { http: Record<string, string> };
    };
    event.rawPath = "/";
    event.requestContext.http["method"] = "GET";
    event.requestContext.http["path"] = "/";
    const result = (await invoke({ root, cloud: "aws", event })) as Record<string, unknown>;
    expect(result).toMatchObject({ statusCode: 200, body: expect.stringMatching(/^v\d hi$/) });
    const worker = (await invoke({ root, cloud: "cloudflare", event: { url: "https://example.com/" } })) as Record<string, unknown>;
    expect(worker).toMatchObject({ status: 200, body: expect.stringMatching(/^v\d/) });
    await expect(invoke({ root, cloud: "cloudflare", event: { nothing: true } })).rejects.toThrow(/a Workers event is/);
  }, 30_000);

  it("says what to do when the command line is wrong", async () => {
    const bin = join(packageDir, "dist", "bin.js");
    const run = (args: string[]): Promise<{ code: number; stderr: string }> =>
      new Promise((resolve) => execFile(process.execPath, [bin, ...args], { cwd: root }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr })));
    const unknown = await run(["build", "--cloud", "gcp"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown cloud "gcp": use aws, aliyun, tencent, cloudflare or all');
    const noEvent = await run(["invoke", "--cloud", "aws"]);
    expect(noEvent.stderr).toContain("--event <file.json> is required");
  });
});

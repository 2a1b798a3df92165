// Each contender bundled the way it would be deployed: one minified file made by the
// bundler `faasport build` uses (Node clouds: CommonJS for node20; Workers: neutral ESM).
// Packages resolve through their `exports`, to the published `dist` files, as in a user's project.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { bundle as bundleAsBuilt } from "@faasport/cli";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const handlers = (name) => JSON.stringify(join(benchDir, "handlers", name));

const faasportEntry = (adapter, wrap) =>
  [
    `import { defineApp } from "@faasport/core";`,
    `import { ${wrap} } from "@faasport/adapter-${adapter}";`,
    `import { appFetch, appQueue } from ${handlers("app.mjs")};`,
    `export const handler = ${wrap}(defineApp({ fetch: appFetch, queue: appQueue }));`,
  ].join("\n");

/** Lambda handlers answering the HTTP API v2 GET: the cold-start contenders, and the Lambda rows of the size table. */
export const lambdaEntries = {
  raw: `export { rawV2 as handler } from ${handlers("raw.mjs")};`,
  faasport: faasportEntry("aws", "toAws"),
  "hono/aws-lambda": `import { handle } from "hono/aws-lambda";\nimport { honoApp } from ${handlers("hono.mjs")};\nexport const handler = handle(honoApp());`,
  "serverless-http + express": `import serverless from "serverless-http";\nimport { expressApp } from ${handlers("express.mjs")};\nexport const handler = serverless(expressApp(), { binary: ["application/octet-stream"] });`,
  "serverless-express + express": `import serverlessExpress from "@codegenie/serverless-express";\nimport { expressApp } from ${handlers("express.mjs")};\nexport const handler = serverlessExpress({ app: expressApp(), binarySettings: { contentTypes: ["application/octet-stream"] } });`,
  "Fetch by hand": `export { fetchByHand as handler } from ${handlers("fetch-by-hand.mjs")};`,
};

/** faasport core with each adapter, serving the same app: the size budget applies to each. */
export const adapterEntries = {
  "core + adapter-aws": { source: faasportEntry("aws", "toAws") },
  "core + adapter-aliyun": { source: faasportEntry("aliyun", "toAliyun") },
  "core + adapter-tencent": { source: faasportEntry("tencent", "toTencent") },
  "core + adapter-node": { source: faasportEntry("node", "createRequestListener") },
  "core + adapter-cloudflare": { source: `${faasportEntry("cloudflare", "toCloudflare").replace("export const handler =", "export default")}`, workers: true },
};

/** Bundles one entry source as `faasport build` does; returns the code and its minified and gzipped sizes. */
export async function bundle(source, { workers = false } = {}) {
  const text = await bundleAsBuilt({ contents: source, resolveDir: benchDir, name: "entry.mjs" }, workers ? "workers" : "node-cjs", {
    minify: true,
    // The workspace tsconfig maps @faasport/* to sources; a user's project resolves the published files.
    esbuild: { tsconfigRaw: "{}" },
  });
  const code = Buffer.from(text);
  return { code, bytes: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/** A scratch folder for built files, removed by the returned function. */
export function scratchDir() {
  const dir = mkdtempSync(join(tmpdir(), "faasport-bench-"));
  return { dir, write: (name, code) => (writeFileSync(join(dir, name), code), join(dir, name)), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

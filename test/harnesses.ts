import { fileURLToPath } from "node:url";
import type { HarnessInfo, InteropApp } from "@faasport/contract";
import { aliyunHarnesses } from "../packages/adapter-aliyun/test/harness";
import { awsHarnesses } from "../packages/adapter-aws/test/harness";
import { workers } from "../packages/adapter-cloudflare/test/harness";
import { nodeHttp } from "../packages/adapter-node/test/harness";
import { tencentHarnesses } from "../packages/adapter-tencent/test/harness";

/** Every contract harness, in the column order of docs/compatibility.md. Each adapter adds its own here. */
export const allHarnesses: readonly HarnessInfo[] = [nodeHttp, ...awsHarnesses, ...aliyunHarnesses, ...tencentHarnesses, workers];

/** Fetch-framework apps that pass the HTTP contract on every harness above (test/interop.test.ts). */
export const interopApps: readonly InteropApp[] = [
  { label: "hono", framework: "Hono", example: "examples/hono", appModule: fileURLToPath(new URL("../examples/hono/src/app.ts", import.meta.url)) },
  { label: "itty-router", framework: "itty-router", example: "examples/itty", appModule: fileURLToPath(new URL("../examples/itty/src/app.ts", import.meta.url)) },
];

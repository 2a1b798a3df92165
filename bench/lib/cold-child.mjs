// One cold start: a fresh Node process loads a bundled handler and answers its first
// request. Prints the milliseconds from just before the load to the answer, as JSON.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const [bundlePath, eventPath, expectedBody] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventPath, "utf8"));
const context = { awsRequestId: "cold", getRemainingTimeInMillis: () => 30_000 };
// Lambda, FC and SCF load a CommonJS handler with require().
const require = createRequire(import.meta.url);

const start = performance.now();
const { handler } = require(bundlePath);
const answer = await handler(event, context);
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, ok: answer.statusCode === 200 && answer.body === expectedBody }));

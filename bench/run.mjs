// `pnpm bench`: every contender on every case in one process run, reported as ratios to the raw handler.
// `--smoke` runs a few milliseconds per case: it proves the benchmarks run and print, nothing more.
import { measure } from "mitata";
import { context, echoEvent, faasport, getEvent, honoHandler, raw } from "./contenders.mjs";

const smoke = process.argv.includes("--smoke");
const options = smoke ? { min_cpu_time: 5e6, min_samples: 5 } : { min_cpu_time: 1e9 };

const contenders = { raw, faasport, "hono/aws-lambda": honoHandler };
const cases = [
  { name: "HTTP API v2 GET", event: getEvent },
  { name: "64 KB binary echo", event: echoEvent },
];

// Every contender must give the same answer before its speed means anything.
for (const { name, event } of cases) {
  const expected = await raw(event, context);
  for (const [label, handler] of Object.entries(contenders)) {
    const before = JSON.stringify(event);
    const answer = await handler(event, context);
    if (answer.statusCode !== 200 || answer.body !== expected.body) throw new Error(`${label} answers ${name} differently from the raw handler`);
    // The timed loop reuses one event object, which is only fair if no handler changes it.
    if (JSON.stringify(event) !== before) throw new Error(`${label} mutates the event`);
  }
}

const rows = [];
for (const { name, event } of cases) {
  const medians = {};
  for (const [label, handler] of Object.entries(contenders)) {
    const stats = await measure(async () => handler(event, context), options);
    medians[label] = stats.p50;
  }
  rows.push({ name, medians });
}

const micros = (ns) => `${(ns / 1000).toFixed(2)} µs`;
const labels = Object.keys(contenders);
console.log(`\nfaasport benchmarks — Node ${process.version}, ${smoke ? "smoke run (numbers not meaningful)" : "median per invocation"}\n`);
console.log(`| case | ${labels.join(" | ")} |`);
console.log(`|---|${labels.map(() => "--:").join("|")}|`);
for (const { name, medians } of rows) {
  const cells = labels.map((label) => (label === "raw" ? micros(medians[label]) : `${micros(medians[label])} (${(medians[label] / medians.raw).toFixed(1)}×)`));
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
console.log("\nEvery contender answered each case with the raw handler's exact body before being timed.");

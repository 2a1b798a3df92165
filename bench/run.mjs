// `pnpm bench`: every target of the performance budget, faasport and its peers side by side,
// in one run and one table. Per-invocation cases run in this process; cold starts,
// the heap run, the HTTP servers and workerd run in processes of their own.
// `--smoke` runs every case briefly: it proves the benchmarks run and print, nothing more.
// `--only micro,cold,size,heap,rps,workers` runs some sections (for working on one target).
import { cpus, loadavg } from "node:os";
import { peerLabels } from "./contenders.mjs";

const smoke = process.argv.includes("--smoke");
const onlyArg = process.argv.find((arg) => arg.startsWith("--only="));
const only = onlyArg ? new Set(onlyArg.slice("--only=".length).split(",")) : undefined;
const runs = (section) => !only || only.has(section);

const settings = smoke
  ? { cold: { runs: 2 }, heap: { total: 5000, checkpoints: [1000, 5000] }, rps: { rounds: 1, duration: 1 }, workers: { n: 200, runs: 1 } }
  : { cold: { runs: 20 }, heap: { total: 100_000, checkpoints: [20_000, 40_000, 60_000, 80_000, 100_000] }, rps: { rounds: 4, duration: 5 }, workers: { n: 10_000, runs: 25 } };

const loadBefore = loadavg()[0];
const started = Date.now();
const rows = [];
const columns = ["hono", ...peerLabels.slice(1)];

const µs = (ns) => `${(ns / 1000).toFixed(2)} µs`;
const times = (value) => `${value.toFixed(1)}×`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
// A smoke run only proves the benchmarks run and print: its numbers decide nothing.
const verdict = (met) => (smoke ? "—" : met ? "✅" : "❌");

if (runs("micro")) {
  const { cases } = await import("./contenders.mjs");
  const { runMicro } = await import("./lib/micro.mjs");
  for (const row of await runMicro(cases, { smoke })) {
    const ratio = row.faasport / row.raw;
    const peers = Object.fromEntries(Object.entries(row.peers).map(([label, ns]) => [label === "hono/aws-lambda" ? "hono" : label, `${µs(ns)} (${times(ns / row.raw)})`]));
    rows.push({
      name: row.name,
      target: `≤ ${row.target}× raw`,
      reference: `raw ${µs(row.raw)}`,
      faasport: µs(row.faasport),
      ratio: times(ratio),
      met: ratio <= row.target,
      peers,
    });
  }
}

if (runs("cold")) {
  const { coldStarts } = await import("./lib/cold-start.mjs");
  const cold = await coldStarts(settings.cold);
  const extra = (label) => `${cold[label].toFixed(1)} ms (+${(cold[label] - cold.raw).toFixed(1)})`;
  rows.push({
    name: `Cold start: load + first GET (median of ${settings.cold.runs})`,
    target: "≤ raw + 3 ms",
    reference: `raw ${cold.raw.toFixed(1)} ms`,
    faasport: `${cold.faasport.toFixed(1)} ms`,
    ratio: `+${(cold.faasport - cold.raw).toFixed(1)} ms`,
    met: cold.faasport <= cold.raw + 3,
    peers: { hono: extra("hono/aws-lambda"), ...Object.fromEntries(peerLabels.slice(1).map((label) => [label, extra(label)])) },
  });
}

if (runs("size")) {
  const { bundleSizes } = await import("./lib/bundle-size.mjs");
  const { lambda, adapters } = await bundleSizes();
  for (const [label, { gzip, bytes }] of Object.entries(adapters)) {
    const peers = label.endsWith("aws")
      ? { hono: kb(lambda["hono/aws-lambda"].gzip), ...Object.fromEntries(peerLabels.slice(1).map((peer) => [peer, kb(lambda[peer].gzip)])) }
      : {};
    rows.push({
      name: `Bundle, gzip: ${label} (${kb(bytes)} minified)`,
      target: "≤ 4 KB",
      reference: label.endsWith("aws") ? `raw ${kb(lambda.raw.gzip)}` : "",
      faasport: kb(gzip),
      ratio: "",
      met: gzip <= 4096,
      peers,
    });
  }
}

if (runs("heap")) {
  const { heapGrowth } = await import("./lib/heap.mjs");
  const heap = await heapGrowth(settings.heap);
  const [first, last] = [settings.heap.checkpoints[0], settings.heap.checkpoints.at(-1)];
  const growth = heap[last] - heap[first];
  rows.push({
    name: `Heap after ${first.toLocaleString("en")} → ${last.toLocaleString("en")} mixed invocations`,
    target: "flat (growth < 1%)",
    reference: `${kb(heap[first])} at ${first.toLocaleString("en")}`,
    faasport: `${kb(heap[last])}`,
    ratio: `${growth >= 0 ? "+" : ""}${kb(growth)}`,
    met: growth < heap[first] * 0.01,
    peers: {},
  });
}

if (runs("rps")) {
  const { nodeRps } = await import("./lib/node-rps.mjs");
  const rps = await nodeRps(settings.rps);
  const ratio = rps.faasport / rps["@hono/node-server"];
  const perSecond = (value) => `${Math.round(value).toLocaleString("en")} req/s`;
  rows.push({
    name: `node:http GET /hello, autocannon (best of ${settings.rps.rounds} × ${settings.rps.duration} s)`,
    target: "≥ 1.0× @hono/node-server",
    reference: `@hono/node-server ${perSecond(rps["@hono/node-server"])}`,
    faasport: perSecond(rps.faasport),
    ratio: times(ratio),
    met: ratio >= 1,
    peers: { hono: perSecond(rps["@hono/node-server"]) },
  });
}

if (runs("workers")) {
  const { workersCost } = await import("./lib/workers.mjs");
  const cost = await workersCost(settings.workers);
  const bare = cost["bare module Worker"];
  const ratio = cost.faasport / bare;
  rows.push({
    name: `Workers: one request in workerd (loop of ${settings.workers.n.toLocaleString("en")})`,
    target: "≤ 1.1× bare Worker",
    reference: `bare Worker ${bare.toFixed(2)} µs`,
    faasport: `${cost.faasport.toFixed(2)} µs`,
    ratio: `${ratio.toFixed(2)}×`,
    met: ratio <= 1.1,
    peers: {},
  });
}

const loadAfter = loadavg()[0];
const header = ["case", "target", "reference", "faasport", "faasport vs reference", "met", ...columns];
console.log(
  `\nfaasport performance budget — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}, ${Math.round((Date.now() - started) / 1000)} s${smoke ? " — SMOKE RUN: numbers not meaningful" : ""}\n`,
);
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map((_, index) => (index === 0 ? "---" : index === 5 ? ":-:" : "--:")).join("|")}|`);
for (const row of rows) {
  const cells = [row.name, row.target, row.reference, row.faasport, row.ratio, verdict(row.met), ...columns.map((column) => row.peers[column] ?? "—")];
  console.log(`| ${cells.join(" | ")} |`);
}
console.log(
  [
    "",
    "Per invocation: mitata, median time per call (calls batched per sample); ratio to the raw hand-written handler timed just before and after.",
    "Every contender answered each case with the raw handler's exact body first; faasport and the raw handler run before any peer has run in the process.",
    "Cold start: a fresh process requires the bundled handler and answers one HTTP API v2 GET; runs alternate between contenders. Sizes: bundled as `faasport build` bundles, minified, gzip -9.",
    "hono = hono/aws-lambda, or @hono/node-server on node:http. Workers: the fastest of the runs (see docs/performance.md).",
  ].join("\n"),
);
const failed = rows.filter((row) => !row.met).length;
console.log(smoke ? "Smoke run: every case ran; no target is judged." : failed === 0 ? "Every target met." : `${failed} of ${rows.length} targets not met.`);

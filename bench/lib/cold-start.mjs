// Cold start: for each contender, a fresh process imports its bundle and answers the first
// GET. Runs alternate between contenders (raw, faasport, peers, raw, faasport, …) so that a
// change in machine load touches all of them alike; the median of the runs is reported.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { v2Get } from "../events.mjs";
import { bundle, lambdaEntries, scratchDir } from "./bundles.mjs";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./cold-child.mjs", import.meta.url));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median ms from load to first answer per contender, over `runs` fresh processes each. */
export async function coldStarts({ runs }) {
  const scratch = scratchDir();
  try {
    const eventPath = scratch.write("event.json", JSON.stringify(v2Get));
    const bundles = {};
    for (const [label, source] of Object.entries(lambdaEntries)) bundles[label] = scratch.write(`${label.replace(/[^a-z]+/gi, "-")}.cjs`, (await bundle(source)).code);
    const expected = JSON.stringify({ hello: "world" });
    const times = Object.fromEntries(Object.keys(bundles).map((label) => [label, []]));
    for (let round = 0; round < runs; round++) {
      for (const [label, path] of Object.entries(bundles)) {
        const { stdout } = await run(process.execPath, [child, path, eventPath, expected]);
        const { ms, ok } = JSON.parse(stdout);
        if (!ok) throw new Error(`${label} answered its first GET wrongly`);
        times[label].push(ms);
      }
    }
    return Object.fromEntries(Object.entries(times).map(([label, values]) => [label, median(values)]));
  } finally {
    scratch.remove();
  }
}

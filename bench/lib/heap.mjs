// Heap growth: faasport answers every case, mixed, many times over in a fresh process;
// heapUsed after a full collection is read at checkpoints.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./heap-child.mjs", import.meta.url));

/** heapUsed (bytes) at each checkpoint of `total` mixed invocations. */
export async function heapGrowth({ total, checkpoints }) {
  const { stdout } = await run(process.execPath, ["--expose-gc", child, String(total), checkpoints.join(",")], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout);
}

// Heap after many mixed invocations, in a process of its own (run with --expose-gc).
// Prints heapUsed after a full collection at each checkpoint, as JSON.
import { cases } from "../contenders.mjs";
import { useGlobals } from "./globals.mjs";

const total = Number(process.argv[2]);
const checkpoints = process.argv[3].split(",").map(Number);
useGlobals("faasport");
const mixed = cases.map(({ event, context, faasport }) => ({ event, context, handler: faasport }));

const heapAfterGc = () => {
  for (let pass = 0; pass < 3; pass++) globalThis.gc();
  return process.memoryUsage().heapUsed;
};
const heap = {};
for (let index = 1; index <= total; index++) {
  const { handler, event, context } = mixed[index % mixed.length];
  await handler(event, context);
  if (checkpoints.includes(index)) heap[index] = heapAfterGc();
}
process.stdout.write(JSON.stringify(heap));

// Per-invocation cost, every contender in this process, timed by mitata: it batches calls
// too short for the clock (4,096 per sample for sub-microsecond handlers), builds a fresh
// timing loop for each contender, and reports the median (p50) time per call over samples.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { measure } from "mitata";
import { useGlobals } from "./globals.mjs";

// mitata collects garbage before each measurement. Without `--expose-gc` it falls back to
// allocating 1 GiB instead, and V8 then collects far more often for the rest of the
// process: handlers measured up to 4× slower than any plain loop of them. So hand it V8's own.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc");

const bodyOf = (answer) => answer.body;
const snapshot = (event) => (Buffer.isBuffer(event) ? event.toString("base64") : JSON.stringify(event));
const copy = (event) => (Buffer.isBuffer(event) ? Buffer.from(event) : structuredClone(event));

/**
 * Gives a contender its own copy of the event and checks that it answers like the raw
 * handler. The timed loop reuses that copy, which is only fair if the handler leaves it
 * as it found it: faasport must not change it at all; a peer may change it once
 * (serverless-http sets a missing `body` to ""), but not call after call.
 */
async function prepare(kase, expected, { label, handler, globals, strict = false }) {
  const { name, context, compare = bodyOf } = kase;
  const event = copy(kase.event);
  useGlobals(globals);
  const first = snapshot(event);
  const answer = await handler(event, context);
  if ((answer.statusCode ?? 200) !== 200 || compare(answer) !== expected) throw new Error(`${label} answers ${name} differently from the raw handler`);
  const second = snapshot(event);
  await handler(event, context);
  if ((strict && second !== first) || snapshot(event) !== second) throw new Error(`${label} changes the ${name} event it is given`);
  return event;
}

/**
 * Median ns per call of the raw handler, faasport and each peer, case by case.
 *
 * faasport and the raw handler run first, on every case, before any peer has run in
 * this process: a Lambda instance runs one framework, and code the peers leave behind
 * (megamorphic built-ins, a larger heap) would otherwise slow whoever comes next. The
 * raw handler is timed before and after faasport and the two medians averaged, so a
 * change in machine load during the case shows on both sides of the ratio. The peers
 * then run in turn, against the same raw medians.
 */
export async function runMicro(cases, { smoke }) {
  const options = smoke ? { gc: collectGarbage, min_cpu_time: 20e6, min_samples: 4, batch_samples: 256 } : { gc: collectGarbage, min_cpu_time: 1e9 };
  const time = async (handler, event, context, globals) => {
    useGlobals(globals);
    const stats = await measure(() => handler(event, context), options);
    return stats.p50;
  };
  const rows = [];
  for (const kase of cases) {
    const { name, target, context, raw, compare = bodyOf } = kase;
    const rawEvent = copy(kase.event);
    const expected = compare(await raw(rawEvent, context));
    const event = await prepare(kase, expected, { label: "faasport", handler: kase.faasport, globals: "faasport", strict: true });
    const before = await time(raw, rawEvent, context, "native");
    const faasport = await time(kase.faasport, event, context, "faasport");
    const after = await time(raw, rawEvent, context, "native");
    rows.push({ name, target, raw: (before + after) / 2, faasport, peers: {}, expected });
  }
  for (const [index, kase] of cases.entries()) {
    for (const peer of kase.peers) {
      const event = await prepare(kase, rows[index].expected, peer);
      rows[index].peers[peer.label] = await time(peer.handler, event, kase.context, peer.globals);
    }
  }
  useGlobals("faasport");
  return rows;
}

// Per-invocation cost, every contender in this process: calls run back to back in rounds of
// ~10 ms; the reported cost is the median over rounds of the mean time per call. A round's
// mean includes the garbage collection its calls cause; the median drops rounds that other
// work on the machine interrupted. (mitata, used before, sometimes settled in a mode where
// the same handler measured several times slower than any plain loop of it; this loop is
// short enough to read and treats every contender alike.)
import { useGlobals } from "./globals.mjs";

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
  const budget = smoke ? { warmupMs: 5, totalMs: 20, roundMs: 2 } : { warmupMs: 200, totalMs: 1000, roundMs: 10 };
  const time = async (handler, event, context, globals) => {
    useGlobals(globals);
    return nsPerCall(() => handler(event, context), budget);
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

/** Median over rounds of the mean ns per call, after a warm-up; rounds are sized to take about `roundMs`. */
async function nsPerCall(call, { warmupMs, totalMs, roundMs }) {
  const clock = () => Number(process.hrtime.bigint());
  let calls = 0;
  const warmupEnd = clock() + warmupMs * 1e6;
  while (clock() < warmupEnd) {
    for (let index = 0; index < 16; index++) await call();
    calls += 16;
  }
  const perRound = Math.max(1, Math.round((calls / warmupMs) * roundMs));
  const means = [];
  const end = clock() + totalMs * 1e6;
  while (means.length < 5 || clock() < end) {
    const start = clock();
    for (let index = 0; index < perRound; index++) await call();
    means.push((clock() - start) / perRound);
  }
  means.sort((a, b) => a - b);
  return means[means.length >> 1];
}

import { renderCompatibility } from "@faasport/contract";
import { expect, it } from "vitest";
import { allHarnesses, interopApps } from "./harnesses";

const intro = `
Which contract behaviours hold on which platform and event source. Node.js is the reference: it sees the
request exactly as the client sent it. Each platform column is one harness of the suite, which builds the
platform's native events from captured samples and reads its native answers back.
`;

const outro = `
## Bindings

Every KV and queue driver of \`@faasport/bindings\` runs one shared driver suite on its real backend, started by
the tests on loopback: SQLite, a Redis server (Debian's \`redis-server\`), the DynamoDB emulator dynalite, the SQS
emulator fauxqs, Miniflare's KV and Queues, and memory. Each driver's capabilities and limits (compare-and-set,
expiry, sizes, list order) are in [bindings.md](bindings.md).

**What is not proven offline.** Alibaba MNS and Tencent TDMQ for CMQ have no offline emulator. Their drivers are
tested against local endpoints written from the providers' documentation, which check every request: action or
path, required parameters, the request signature (recomputed independently, and MNS's published example
signature), XML or form encoding, names, body sizes, delay ranges and batch limits, and answer in the documented
formats. That does not prove acceptance by the real services, their error codes beyond those modelled, delivery
timing, or the FC and SCF trigger envelopes (the consumer side decodes bodies with the same code the adapters use).
Miniflare 4.20260426 does not enforce Cloudflare Queues' 128 KB message limit and KV expiry takes at least 60 s,
so for Cloudflare the suite checks the 60 s minimum and the recorded expiry, not the deletion itself.
`;

// Regenerate with `pnpm docs:compat`; CI fails when the file and the harnesses disagree.
it("docs/compatibility.md matches the contract harnesses", async () => {
  await expect(renderCompatibility(allHarnesses, intro, interopApps, outro)).toMatchFileSnapshot("../docs/compatibility.md");
});

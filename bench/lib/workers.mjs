// Workers: the same Fetch handler as a bare module Worker and through `toCloudflare`, in
// workerd (Miniflare). workerd's clocks stand still while a request runs, so each Worker
// times nothing itself: it wraps its handler in a loop that answers `n` requests (a fresh
// `Request` each, the answer read to the end), and Node times the whole request. The cost
// of one loop turn is (fastest time at n − fastest time at 0) / n; runs alternate between the two.
import { Miniflare } from "miniflare";
import { bundle } from "./bundles.mjs";

const app = JSON.stringify(new URL("../handlers/app.mjs", import.meta.url).pathname);
const loop = (target) => `${target}
export default {
  async fetch(request, env, ctx) {
    const n = Number(new URL(request.url).searchParams.get("n"));
    let body = "";
    for (let index = 0; index < n; index++) {
      const response = await worker.fetch(new Request("https://bench.example/hello"), env, ctx);
      body = await response.text();
    }
    return new Response(body);
  },
};`;

const entries = {
  "bare module Worker": loop(`import { appFetch } from ${app};\nconst worker = { fetch: appFetch };`),
  faasport: loop(
    `import { defineApp } from "@faasport/core";\nimport { toCloudflare } from "@faasport/adapter-cloudflare";\nimport { appFetch } from ${app};\nconst worker = toCloudflare(defineApp({ fetch: appFetch }));`,
  ),
};

/** µs per request handled in workerd, per Worker: the fastest of `runs` loops of `n` requests, less a loop of none. */
export async function workersCost({ n, runs }) {
  const workers = {};
  try {
    for (const [label, source] of Object.entries(entries)) {
      const mf = new Miniflare({ modules: true, script: new TextDecoder().decode((await bundle(source, { workers: true })).code), compatibilityDate: "2026-04-01" });
      await mf.ready;
      workers[label] = mf;
    }
    const time = async (mf, count) => {
      const start = process.hrtime.bigint();
      const response = await mf.dispatchFetch(`http://bench.example/?n=${count}`);
      const body = await response.text();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (count > 0 && body !== JSON.stringify({ hello: "world" })) throw new Error("a Worker answered wrongly");
      return ms;
    };
    const samples = Object.fromEntries(Object.keys(workers).map((label) => [label, { loop: [], empty: [] }]));
    for (let run = 0; run < runs + 2; run++) {
      for (const [label, mf] of Object.entries(workers)) {
        const empty = await time(mf, 0);
        const full = await time(mf, n);
        // The first two runs warm workerd's JIT up; they are not counted.
        if (run >= 2) {
          samples[label].loop.push(full);
          samples[label].empty.push(empty);
        }
      }
    }
    // Load from elsewhere on the machine only ever slows a run down: the fastest run of each is the one least disturbed.
    return Object.fromEntries(Object.entries(samples).map(([label, { loop, empty }]) => [label, ((Math.min(...loop) - Math.min(...empty)) * 1000) / n]));
  } finally {
    await Promise.all(Object.values(workers).map((mf) => mf.dispose()));
  }
}

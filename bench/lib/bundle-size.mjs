// Bundle sizes: each contender's Lambda handler, and faasport core with each adapter,
// bundled and minified as deployed; gzip level 9.
import { adapterEntries, bundle, lambdaEntries } from "./bundles.mjs";

/** Bytes minified and gzipped, per Lambda contender and per faasport adapter. */
export async function bundleSizes() {
  const lambda = {};
  for (const [label, source] of Object.entries(lambdaEntries)) lambda[label] = await bundle(source);
  const adapters = {};
  for (const [label, { source, workers }] of Object.entries(adapterEntries)) adapters[label] = await bundle(source, { workers });
  const strip = (sizes) => Object.fromEntries(Object.entries(sizes).map(([label, { bytes, gzip }]) => [label, { bytes, gzip }]));
  return { lambda: strip(lambda), adapters: strip(adapters) };
}

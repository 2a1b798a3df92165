import { toCloudflare } from "@faasport/adapter-cloudflare";
import app from "./app";

/** Cloudflare Workers entry: `main` in a wrangler configuration that binds the `PROBE` KV namespace. */
export default toCloudflare(app);

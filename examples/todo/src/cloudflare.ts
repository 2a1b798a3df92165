import { toCloudflare } from "@faasport/adapter-cloudflare";
import app from "./app";

/** Cloudflare Workers entry (`main` in wrangler.jsonc); the nightly clean-up is the `0 3 * * *` Cron Trigger. */
export default toCloudflare(app, { schedules: { nightly: "0 3 * * *" } });

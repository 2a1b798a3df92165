import { dirname } from "node:path";
import type { Readable } from "node:stream";
import type { KV, LogRecord } from "@faasport/core";
import { decodeMessageBody } from "@faasport/core/runtime";
import { caseHeader, type Harness, type HarnessDefinition, type HttpCase, type HttpOutcome, type QueueOutcome, type StorageCase } from "@faasport/contract";
import { Miniflare } from "miniflare";
import type { R2EventNotification } from "@faasport/adapter-cloudflare";
import { adapterEntry, bundleWorker, fixture } from "./bundle";

/**
 * The contract inside workerd: the app module and `toCloudflare` bundled into
 * one module Worker, as wrangler would, and run by Miniflare. HTTP goes
 * through `dispatchFetch`; queue batches and Cron Triggers are dispatched by
 * workerd itself, which hands the Worker its native `MessageBatch` and
 * `ScheduledController` and reports back what the Worker did with them.
 */

export const compatibilityDate = "2026-04-01";
/** The queue the contract's R2 notifications arrive on. */
const r2Queue = "contract-r2-notifications";
/** Requests to this host reach the harness plumbing in the entry, never the app. */
const controlHost = "faasport-harness.invalid";

/** The Worker entry the harness bundles around an app module. */
function harnessEntry(appModule: string): string {
  return `
import app from ${JSON.stringify(appModule)};
import { toCloudflare } from ${JSON.stringify(adapterEntry)};

// The Worker under test, as a deployment builds it.
const options = app.storage ? { storageQueues: [${JSON.stringify(r2Queue)}] } : {};
const worker = toCloudflare(app, options);

// Harness plumbing: a Cron Trigger carries no name, only its cron, so each
// scheduled case first redeploys the schedules option naming its cron.
let scheduledWorker = worker;
async function nameSchedules(request) {
  scheduledWorker = toCloudflare(app, { ...options, schedules: await request.json() });
  return new Response(null, { status: 204 });
}

export default {
  fetch: (request, env, ctx) => (new URL(request.url).hostname === ${JSON.stringify(controlHost)} ? nameSchedules(request) : worker.fetch(request, env, ctx)),
  queue: (batch, env, ctx) => worker.queue(batch, env, ctx),
  scheduled: (controller, env, ctx) => scheduledWorker.scheduled(controller, env, ctx),
};
`;
}

/** Splits a stream into lines and hands each JSON log record over; anything else goes to the test's stderr. */
function readRecords(stream: Readable, records: LogRecord[]): void {
  let buffer = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf("\n"); end !== -1; end = buffer.indexOf("\n")) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const record = parseRecord(line);
      if (record) records.push(record);
      else if (line.trim() !== "") process.stderr.write(`[workerd] ${line}\n`);
    }
  });
}

function parseRecord(line: string): LogRecord | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const record = JSON.parse(line) as Partial<LogRecord>;
    return typeof record.level === "string" && typeof record.msg === "string" ? (record as LogRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The Miniflare options the tests vary (Miniflare's own option types collapse to `any`). */
export interface WorkerSetup {
  readonly compatibilityDate?: string | undefined;
  /** Vars (and other plain-value bindings). */
  readonly bindings?: Readonly<Record<string, unknown>> | undefined;
  readonly kvNamespaces?: readonly string[] | Readonly<Record<string, unknown>> | undefined;
  readonly queueProducers?: Readonly<Record<string, unknown>> | undefined;
  readonly queueConsumers?: Readonly<Record<string, unknown>> | undefined;
  /** Where `passThroughOnException()` sends a failed request. */
  readonly upstream?: string | undefined;
}

/** Starts Miniflare around a bundled Worker, with the contract's KV and workerd's output parsed into log records. */
export async function startWorker(script: string, extra: WorkerSetup = {}): Promise<{ mf: Miniflare; records: LogRecord[] }> {
  const records: LogRecord[] = [];
  const mf = new Miniflare({
    compatibilityDate,
    kvNamespaces: ["PROBE"],
    cf: fixture("request-cf"),
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      readRecords(stdout, records);
      readRecords(stderr, records);
    },
    ...extra,
    modules: true,
    script,
  } as ConstructorParameters<typeof Miniflare>[0]);
  await mf.ready;
  return { mf, records };
}

async function sendHttp(mf: Miniflare, request: HttpCase): Promise<HttpOutcome> {
  const host = caseHeader(request, "host") ?? "contract.example.com";
  const url = `http://${host}${request.path}${request.query === undefined ? "" : `?${request.query}`}`;
  const headers = request.headers.filter(([name]) => name.toLowerCase() !== "host").map(([name, value]): [string, string] => [name, value]);
  const response = await mf.dispatchFetch(url, { method: request.method, headers, body: request.body ?? null, redirect: "manual" });
  const pairs: [string, string][] = [];
  for (const [name, value] of response.headers) {
    // mf-* headers are Miniflare's own plumbing between workerd and Node, not part of the Worker's answer.
    if (name !== "set-cookie" && !name.startsWith("mf-")) pairs.push([name, value]);
  }
  return { status: response.status, headers: pairs, cookies: response.headers.getSetCookie(), body: new Uint8Array(await response.arrayBuffer()) };
}

/** What workerd reported for a dispatched batch. */
interface QueueResult {
  readonly outcome: string;
  readonly retryBatch: { readonly retry: boolean; readonly delaySeconds?: number };
  readonly retryMessages: readonly { readonly msgId: string; readonly delaySeconds?: number }[];
}

/** The messages a queue redelivers after a batch, by the rule Miniflare's queue broker applies to workerd's report. */
export function redeliveries(ids: readonly string[], result: QueueResult): QueueOutcome {
  const retryAll = result.retryBatch.retry || result.outcome !== "ok";
  const retried = new Map(result.retryMessages.map((message) => [message.msgId, message.delaySeconds]));
  const redelivered = ids.filter((id) => retryAll || retried.has(id));
  const delays: Record<string, number> = {};
  for (const id of redelivered) {
    const delay = retried.get(id) ?? result.retryBatch.delaySeconds;
    if (delay !== undefined) delays[id] = delay;
  }
  return { redelivered, delays };
}

/** An R2 notification for a storage case, built from the documented sample. */
export function r2Notification(change: StorageCase): R2EventNotification {
  const sample = fixture<R2EventNotification & Record<string, unknown>>("r2-event-notification");
  const { copySource: _copy, ...rest } = sample;
  const object = change.action === "created" ? { key: change.key, size: change.size, eTag: change.etag } : { key: change.key };
  return { ...rest, action: change.action === "created" ? "PutObject" : "DeleteObject", bucket: change.bucket, object, eventTime: new Date(change.time).toISOString() };
}

/** Cloudflare Workers, run by workerd through Miniflare. */
export const workers: HarnessDefinition = {
  name: "cloudflare: Workers (workerd)",
  platform: "Cloudflare",
  source: "Workers",
  kinds: ["http", "queue", "scheduled", "storage"],
  freezes: false,
  // workerd reads and writes header values as UTF-8 (a Latin-1 é from a client arrives as U+FFFD).
  headerEncoding: "utf-8",
  payload: {
    maxBodyBytes: 100_000_000,
    pastBodyBytes: 100_000_001,
    past: "platform",
    source: "Cloudflare Workers limits: request body 100 MB on Free and Pro plans (up to 500 MB on Enterprise), refused by Cloudflare with a 413; no response body limit",
  },
  async setup(setup): Promise<Harness> {
    const { mf, records } = await startWorker(await bundleWorker(harnessEntry(setup.appModule), dirname(setup.appModule)));
    const worker = await mf.getWorker();
    const probe = (await mf.getKVNamespace("PROBE")) as unknown as KV;
    return {
      probe,
      logs: async () => records,
      close: () => mf.dispose(),
      http: (request) => sendHttp(mf, request),
      async queue(batch) {
        // The case holds the text a faasport producer writes on a text-only queue; a Workers queue carries the value itself.
        const messages = batch.messages.map((message) => ({
          id: message.id,
          timestamp: new Date(message.sentAt),
          attempts: message.attempts,
          body: decodeMessageBody(message.body),
        }));
        return redeliveries(
          messages.map((message) => message.id),
          await worker.queue(batch.queue, messages),
        );
      },
      async scheduled(schedule) {
        const named = await mf.dispatchFetch(`http://${controlHost}/schedules`, { method: "POST", body: JSON.stringify({ [schedule.name]: schedule.cron }) });
        if (named.status !== 204) throw new Error(`naming the schedule failed: ${named.status}`);
        const result = await worker.scheduled({ scheduledTime: new Date(schedule.scheduledTime), cron: schedule.cron });
        // A failed run the Worker marked noRetry() is not run again: only a retried failure counts.
        return { failed: result.outcome !== "ok" && !result.noRetry };
      },
      async storage(change) {
        const id = crypto.randomUUID();
        const result = await worker.queue(r2Queue, [{ id, timestamp: new Date(change.time), attempts: 1, body: r2Notification(change) }]);
        return { failed: redeliveries([id], result).redelivered.length > 0 };
      },
    };
  },
};

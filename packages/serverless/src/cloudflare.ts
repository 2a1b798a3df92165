import { type BuiltFunction, cronFor, storageQueueName } from "@faasport/cli";
import { ProviderError } from "@faasport/core";
import { deployName, type ManifestFunction } from "./plan";

/**
 * Cloudflare Workers through the REST API (v4), the calls wrangler makes:
 * https://developers.cloudflare.com/api/resources/workers/subresources/scripts/methods/update/
 * with the metadata part described at
 * https://developers.cloudflare.com/workers/configuration/multipart-upload-metadata/
 */

/** The Worker's compatibility date when `custom.faasport.compatibilityDate` is not set. */
export const defaultCompatibilityDate = "2026-04-01";

/** Cloudflare resource names: lowercase letters, digits and dashes. */
const resourceName = (...parts: string[]): string =>
  parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 63);

/** A Worker, its bindings (KV namespaces and queues to create) and its triggers. */
export function cloudflareFunction(
  built: BuiltFunction,
  names: { service: string; stage: string },
  environment: Record<string, string> | undefined,
  artifact: string,
): ManifestFunction {
  const fn = built.definition;
  const bindings = Object.entries(built.app.bindings).map(([name, kind]) => ({ name, kind, resource: resourceName(names.service, names.stage, name) }));
  const triggers = fn.triggers.map((trigger): Record<string, unknown> => {
    switch (trigger.kind) {
      case "http":
        return { type: "http" };
      case "queue":
        return { type: "queue", queue: bindings.find((binding) => binding.name === trigger.binding)!.resource, batchSize: trigger.batchSize };
      case "schedule":
        return { type: "cron", name: trigger.name, cron: cronFor(trigger.cron, "cloudflare") };
      case "storage":
        // R2 tells a Worker about objects through a queue; the adapter reads that queue's batches as storage events.
        return {
          type: "storage",
          bucket: trigger.bucket,
          queue: storageQueueName(names.service, names.stage, trigger.bucket),
          actions: trigger.events.flatMap((action) => (action === "created" ? ["PutObject", "CopyObject", "CompleteMultipartUpload"] : ["DeleteObject", "LifecycleDeletion"])),
          ...(trigger.prefix ? { prefix: trigger.prefix } : {}),
          ...(trigger.suffix ? { suffix: trigger.suffix } : {}),
        };
    }
  });
  return {
    name: fn.name,
    deployName: resourceName(deployName(names.service, names.stage, fn.name)),
    artifact,
    handler: built.handler,
    runtime: "workerd",
    memorySize: 128,
    timeout: 30,
    environment: { ...environment, ...fn.environment },
    triggers,
    bindings,
  };
}

/** Calls the Cloudflare API: `(method, path below /accounts/:id, body)` → `result`. */
export type CloudflareClient = (method: string, path: string, body?: unknown) => Promise<unknown>;

/** A client over `fetch`; `CLOUDFLARE_API_BASE_URL` (wrangler's variable) points it elsewhere. */
export function createCloudflareClient(
  credentials: Record<string, string>,
  base = process.env["CLOUDFLARE_API_BASE_URL"] ?? "https://api.cloudflare.com/client/v4",
): CloudflareClient {
  const account = `${base.replace(/\/$/, "")}/accounts/${credentials["CLOUDFLARE_ACCOUNT_ID"]}`;
  return async (method, path, body) => {
    const headers: Record<string, string> = { authorization: `Bearer ${credentials["CLOUDFLARE_API_TOKEN"]}` };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(`${account}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    } catch (cause) {
      throw new ProviderError("cloudflare", `${method} ${path}: ${(cause as Error).message}`, { cloud: "cloudflare", retryable: true, cause });
    }
    const envelope = (await response.json().catch(() => ({}))) as { success?: boolean; result?: unknown; errors?: { code: number; message: string }[] };
    if (!response.ok || envelope.success === false) {
      const detail = envelope.errors?.map((error) => `${error.code}: ${error.message}`).join("; ") || `HTTP ${response.status}`;
      throw new ProviderError("cloudflare", `${method} ${path}: ${detail}`, { cloud: "cloudflare", retryable: response.status >= 500 });
    }
    return envelope.result;
  };
}

type Named = { id: string; title?: string; queue_id?: string; queue_name?: string };

async function ensureNamespace(call: CloudflareClient, title: string, step: (message: string) => void): Promise<string> {
  const namespaces = ((await call("GET", `/storage/kv/namespaces?per_page=100`)) ?? []) as Named[];
  const found = namespaces.find((namespace) => namespace.title === title);
  if (found) return found.id;
  step(`creating KV namespace ${title}`);
  return ((await call("POST", "/storage/kv/namespaces", { title })) as Named).id;
}

async function ensureQueue(call: CloudflareClient, name: string, step: (message: string) => void): Promise<string> {
  const queues = ((await call("GET", `/queues?name=${encodeURIComponent(name)}`)) ?? []) as Named[];
  const found = queues.find((queue) => queue.queue_name === name);
  if (found) return found.queue_id ?? found.id;
  step(`creating queue ${name}`);
  const made = (await call("POST", "/queues", { queue_name: name })) as Named;
  return made.queue_id ?? made.id;
}

async function ensureConsumer(call: CloudflareClient, queueId: string, script: string, batchSize: number, step: (message: string) => void): Promise<void> {
  const consumers = ((await call("GET", `/queues/${queueId}/consumers`)) ?? []) as { script?: string; script_name?: string }[];
  if (consumers.some((consumer) => (consumer.script ?? consumer.script_name) === script)) return;
  step(`subscribing ${script} to its queue`);
  await call("POST", `/queues/${queueId}/consumers`, { script_name: script, type: "worker", settings: { batch_size: batchSize, max_retries: 3 } });
}

/**
 * Creates what the Worker binds to (KV namespaces, queues), uploads the
 * module with its bindings, then sets its queue consumers, Cron Triggers,
 * R2 notifications and workers.dev route.
 */
export async function deployCloudflare(call: CloudflareClient, fn: ManifestFunction, code: string, compatibilityDate: string, step: (message: string) => void): Promise<void> {
  const metadataBindings: Record<string, unknown>[] = [];
  const queueIds = new Map<string, string>();
  for (const binding of fn.bindings ?? []) {
    if (binding.kind === "kv") metadataBindings.push({ type: "kv_namespace", name: binding.name, namespace_id: await ensureNamespace(call, binding.resource, step) });
    else {
      queueIds.set(binding.resource, await ensureQueue(call, binding.resource, step));
      metadataBindings.push({ type: "queue", name: binding.name, queue_name: binding.resource });
    }
  }
  for (const [name, text] of Object.entries(fn.environment)) metadataBindings.push({ type: "plain_text", name, text });

  step(`uploading Worker ${fn.deployName}`);
  const form = new FormData();
  form.set("metadata", new Blob([JSON.stringify({ main_module: fn.handler, compatibility_date: compatibilityDate, bindings: metadataBindings })], { type: "application/json" }));
  form.set(fn.handler, new Blob([code], { type: "application/javascript+module" }), fn.handler);
  await call("PUT", `/workers/scripts/${fn.deployName}`, form);

  for (const trigger of fn.triggers) {
    if (trigger["type"] === "queue") await ensureConsumer(call, queueIds.get(String(trigger["queue"]))!, fn.deployName, Number(trigger["batchSize"]), step);
    if (trigger["type"] === "storage") {
      const queueId = await ensureQueue(call, String(trigger["queue"]), step);
      await ensureConsumer(call, queueId, fn.deployName, 10, step);
      step(`sending R2 notifications of ${String(trigger["bucket"])} to the Worker`);
      const { actions, prefix, suffix } = trigger;
      await call("PUT", `/event_notifications/r2/${String(trigger["bucket"])}/configuration/queues/${queueId}`, {
        rules: [{ actions, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) }],
      });
    }
  }
  const crons = fn.triggers.filter((trigger) => trigger["type"] === "cron").map((trigger) => ({ cron: trigger["cron"] }));
  step(`setting ${crons.length} Cron Trigger${crons.length === 1 ? "" : "s"}`);
  await call("PUT", `/workers/scripts/${fn.deployName}/schedules`, crons);
  if (fn.triggers.some((trigger) => trigger["type"] === "http")) await call("POST", `/workers/scripts/${fn.deployName}/subdomain`, { enabled: true });
}

/** The Worker's workers.dev URL. */
export async function cloudflareUrl(call: CloudflareClient, script: string): Promise<string> {
  const { subdomain } = (await call("GET", "/workers/subdomain")) as { subdomain: string };
  return `https://${script}.${subdomain}.workers.dev`;
}

/** Deletes the Worker, then the queues and KV namespaces made for it (their data goes too). */
export async function removeCloudflare(call: CloudflareClient, fn: ManifestFunction, step: (message: string) => void): Promise<void> {
  step(`deleting Worker ${fn.deployName}`);
  await call("DELETE", `/workers/scripts/${fn.deployName}?force=true`).catch((error: unknown) => {
    if (!/10007/.test((error as Error).message)) throw error; // 10007: no such script
  });
  const queues = [
    ...(fn.bindings ?? []).filter((binding) => binding.kind === "queue").map((binding) => binding.resource),
    ...fn.triggers.flatMap((trigger) => (trigger["type"] === "storage" ? [String(trigger["queue"])] : [])),
  ];
  for (const name of queues) {
    const found = (((await call("GET", `/queues?name=${encodeURIComponent(name)}`)) ?? []) as Named[]).find((queue) => queue.queue_name === name);
    if (found) {
      step(`deleting queue ${name}`);
      await call("DELETE", `/queues/${found.queue_id ?? found.id}`);
    }
  }
  const namespaces = ((await call("GET", "/storage/kv/namespaces?per_page=100")) ?? []) as Named[];
  for (const binding of (fn.bindings ?? []).filter((each) => each.kind === "kv")) {
    const found = namespaces.find((namespace) => namespace.title === binding.resource);
    if (found) {
      step(`deleting KV namespace ${binding.resource}`);
      await call("DELETE", `/storage/kv/namespaces/${found.id}`);
    }
  }
}

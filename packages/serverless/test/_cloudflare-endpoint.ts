/* eslint-disable @typescript-eslint/no-explicit-any -- native events and API answers are loose JSON read from fixtures */
import { type Answer, type Endpoint, jsonBody, Rejected, type Received, required, startEndpoint } from "./_endpoint";

/**
 * A stand-in for the Cloudflare API v4 under `/client/v4/accounts/:account_id`,
 * checking the calls as the API reference documents them:
 * - Upload Worker Module `PUT /workers/scripts/:script_name`, multipart/form-data
 *   with a `metadata` part (main_module, compatibility_date, bindings) and the
 *   module part it names: https://developers.cloudflare.com/api/resources/workers/subresources/scripts/methods/update/
 *   and https://developers.cloudflare.com/workers/configuration/multipart-upload-metadata/
 * - KV namespaces `GET|POST /storage/kv/namespaces` ({ title }), `DELETE …/:id`
 * - Queues `GET|POST /queues` ({ queue_name }), consumers `GET|POST /queues/:id/consumers`
 *   ({ script_name, type: "worker", settings }), `DELETE /queues/:id`
 * - Cron Triggers `PUT /workers/scripts/:script_name/schedules` ([{ cron }])
 * - `POST /workers/scripts/:script_name/subdomain` ({ enabled }), `GET /workers/subdomain`
 * - `DELETE /workers/scripts/:script_name`
 * Every call needs `Authorization: Bearer <token>`; answers use the `{ success, errors, messages, result }` envelope.
 */
export interface CloudflareEndpoint extends Endpoint {
  readonly scripts: Map<string, { metadata: Record<string, any>; modules: Record<string, string>; schedules: { cron: string }[]; subdomain: boolean }>;
  readonly namespaces: Map<string, string>;
  readonly queues: Map<string, { name: string; consumers: Record<string, unknown>[] }>;
}

async function readForm(request: Received): Promise<FormData> {
  const type = String(request.headers["content-type"] ?? "");
  if (!type.startsWith("multipart/form-data")) throw new Rejected(`a Worker upload is multipart/form-data, got ${type}`);
  return new Response(new Uint8Array(request.body), { headers: { "content-type": type } }).formData();
}

export async function startCloudflareEndpoint(account: string, token: string): Promise<CloudflareEndpoint> {
  const scripts: CloudflareEndpoint["scripts"] = new Map();
  const namespaces = new Map<string, string>();
  const queues: CloudflareEndpoint["queues"] = new Map();
  let ids = 0;
  const ok = (result: unknown): Answer => ({ body: { success: true, errors: [], messages: [], result } });
  const route = async (request: Received): Promise<Answer> => {
    const prefix = `/client/v4/accounts/${account}`;
    if (!request.path.startsWith(prefix)) throw new Rejected(`not under ${prefix}: ${request.path}`, 404);
    if (request.headers["authorization"] !== `Bearer ${token}`) throw new Rejected("missing or wrong API token", 403);
    const path = request.path.slice(prefix.length);
    const parts = path.split("/").filter(Boolean);
    const key = `${request.method} /${parts.map((part, index) => (index > 0 && /^(scripts|namespaces|queues)$/.test(parts[index - 1]!) ? ":id" : part)).join("/")}`;
    request.action = key;
    switch (key) {
      case "GET /storage/kv/namespaces":
        return ok([...namespaces].map(([id, title]) => ({ id, title })));
      case "POST /storage/kv/namespaces": {
        const body = jsonBody(request);
        required(body, { title: "string" });
        const id = `ns${++ids}`;
        namespaces.set(id, String(body["title"]));
        return ok({ id, title: body["title"] });
      }
      case "DELETE /storage/kv/namespaces/:id":
        if (!namespaces.delete(parts[3]!)) throw new Rejected("no such namespace", 404);
        return ok(null);
      case "GET /queues":
        return ok(
          [...queues]
            .filter(([, queue]) => !request.query.get("name") || queue.name === request.query.get("name"))
            .map(([id, queue]) => ({ queue_id: id, queue_name: queue.name })),
        );
      case "POST /queues": {
        const body = jsonBody(request);
        required(body, { queue_name: "string" });
        if (!/^[a-z0-9-]{1,63}$/.test(String(body["queue_name"]))) throw new Rejected(`queue_name ${String(body["queue_name"])} is not lowercase letters, digits and dashes`);
        const id = `q${++ids}`;
        queues.set(id, { name: String(body["queue_name"]), consumers: [] });
        return ok({ queue_id: id, queue_name: body["queue_name"] });
      }
      case "DELETE /queues/:id":
        if (!queues.delete(parts[1]!)) throw new Rejected("no such queue", 404);
        return ok(null);
      case "GET /queues/:id/consumers":
        return ok(queues.get(parts[1]!)?.consumers ?? []);
      case "POST /queues/:id/consumers": {
        const queue = queues.get(parts[1]!);
        if (!queue) throw new Rejected("no such queue", 404);
        const body = jsonBody(request);
        required(body, { script_name: "string", type: "string" });
        if (body["type"] !== "worker" || !scripts.has(String(body["script_name"]))) throw new Rejected("a worker consumer names an uploaded script");
        queue.consumers.push({ ...body, script: body["script_name"] });
        return ok(body);
      }
      case "PUT /workers/scripts/:id": {
        const form = await readForm(request);
        const metadataPart = form.get("metadata");
        if (!(metadataPart instanceof Blob)) throw new Rejected("no metadata part");
        const metadata = JSON.parse(await metadataPart.text()) as Record<string, any>;
        if (typeof metadata["main_module"] !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(String(metadata["compatibility_date"])))
          throw new Rejected("metadata needs main_module and compatibility_date");
        const main = form.get(metadata["main_module"]);
        if (!(main instanceof Blob) || main.type !== "application/javascript+module") throw new Rejected(`no ES module part named ${String(metadata["main_module"])}`);
        for (const binding of metadata["bindings"] as Record<string, unknown>[]) {
          if (binding["type"] === "kv_namespace" && !namespaces.has(String(binding["namespace_id"])))
            throw new Rejected(`KV binding ${String(binding["name"])} names no namespace`);
          if (binding["type"] === "queue" && ![...queues.values()].some((queue) => queue.name === binding["queue_name"]))
            throw new Rejected(`queue binding ${String(binding["name"])} names no queue`);
        }
        const existing = scripts.get(parts[2]!);
        scripts.set(parts[2]!, {
          metadata,
          modules: { [metadata["main_module"]]: await main.text() },
          schedules: existing?.schedules ?? [],
          subdomain: existing?.subdomain ?? false,
        });
        return ok({ id: parts[2] });
      }
      case "PUT /workers/scripts/:id/schedules": {
        const script = scripts.get(parts[2]!);
        if (!script) throw new Rejected("no such script", 404);
        const body = JSON.parse(request.body.toString("utf8")) as { cron?: unknown }[];
        if (!Array.isArray(body) || body.some((each) => typeof each.cron !== "string" || each.cron.split(" ").length !== 5))
          throw new Rejected("schedules are [{ cron }] with five fields");
        script.schedules = body as { cron: string }[];
        return ok({ schedules: body });
      }
      case "POST /workers/scripts/:id/subdomain": {
        const script = scripts.get(parts[2]!);
        if (!script) throw new Rejected("no such script", 404);
        script.subdomain = jsonBody(request)["enabled"] === true;
        return ok({ enabled: script.subdomain });
      }
      case "GET /workers/subdomain":
        return ok({ subdomain: "example" });
      case "DELETE /workers/scripts/:id":
        if (!scripts.delete(parts[2]!)) throw new Rejected("no such script", 404, { success: false, errors: [{ code: 10007, message: "workers.api.error.script_not_found" }] });
        return ok(null);
      default:
        throw new Rejected(`no route for ${key}`, 404);
    }
  };
  const endpoint = await startEndpoint(route, (error) => ({ success: false, errors: [{ code: 10000, message: error.message }], messages: [], result: null }));
  return { ...endpoint, scripts, namespaces, queues, close: endpoint.close };
}

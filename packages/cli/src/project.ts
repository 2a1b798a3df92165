import { ConfigurationError } from "@faasport/core";
import { type Cron, type DeployCloud, parseCron } from "./cron";

/** An HTTP trigger: every method and path goes to the app, which routes by itself. */
export interface HttpTrigger {
  readonly kind: "http";
}

/** A queue trigger: the batches of a queue binding the app sends to are delivered to its `queue` handler. */
export interface QueueTrigger {
  readonly kind: "queue";
  /** The queue binding's name, as declared in the app (`JOBS`). */
  readonly binding: string;
  /** Largest batch (default 10). */
  readonly batchSize: number;
}

/** A schedule: the app's `scheduled` handler runs on a five-field cron expression (UTC). */
export interface ScheduleTrigger {
  readonly kind: "schedule";
  /** The name the app sees in `event.name`. */
  readonly name: string;
  readonly cron: Cron;
}

/** A storage trigger: objects created in or removed from a bucket reach the app's `storage` handler. */
export interface StorageTrigger {
  readonly kind: "storage";
  readonly bucket: string;
  readonly events: readonly ("created" | "removed")[];
  readonly prefix: string | undefined;
  readonly suffix: string | undefined;
}

/** Any neutral trigger. */
export type Trigger = HttpTrigger | QueueTrigger | ScheduleTrigger | StorageTrigger;

/** One function: an app module and what triggers it, the same on every cloud. */
export interface FunctionDefinition {
  /** The function's name in `custom.faasport.functions`. */
  readonly name: string;
  /** The app module (`export default defineApp(...)`), relative to the project root. */
  readonly app: string;
  readonly memorySize: number | undefined;
  readonly timeout: number | undefined;
  /** Plain variables (the app's declared `vars`). */
  readonly environment: Readonly<Record<string, string>>;
  readonly triggers: readonly Trigger[];
}

/** Per binding, the binding URL to use on each cloud, where one is given. */
export type BindingBackends = Readonly<Record<string, Partial<Readonly<Record<DeployCloud, string>>>>>;

/** The neutral definitions of `custom.faasport`, checked. */
export interface ProjectDefinition {
  readonly functions: readonly FunctionDefinition[];
  readonly bindings: BindingBackends;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const clouds: readonly DeployCloud[] = ["aws", "aliyun", "tencent", "cloudflare"];
const functionName = /^[A-Za-z][A-Za-z0-9-_]{0,63}$/;

function bad(path: string, detail: string): never {
  throw new ConfigurationError(`${path}: ${detail}`, { variable: path });
}

function trigger(value: unknown, path: string): Trigger {
  if (!isObject(value) || Object.keys(value).length !== 1) bad(path, "an event is one of http, queue, schedule, storage (e.g. `- queue: JOBS`)");
  const [kind, spec] = Object.entries(value)[0]!;
  switch (kind) {
    case "http":
      if (spec !== true && spec !== "*" && !isObject(spec)) bad(`${path}.http`, "use `http: true` (every method and path goes to the app)");
      return { kind: "http" };
    case "queue": {
      const binding = typeof spec === "string" ? spec : isObject(spec) ? spec["binding"] : undefined;
      if (typeof binding !== "string" || binding === "") bad(`${path}.queue`, "name the queue binding, `queue: JOBS` or `queue: { binding: JOBS, batchSize: 10 }`");
      const batchSize = isObject(spec) && spec["batchSize"] !== undefined ? Number(spec["batchSize"]) : 10;
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) bad(`${path}.queue.batchSize`, "a whole number from 1 to 10 (the largest batch every cloud takes)");
      return { kind: "queue", binding, batchSize };
    }
    case "schedule": {
      if (!isObject(spec) || typeof spec["cron"] !== "string") bad(`${path}.schedule`, 'write `schedule: { name: nightly, cron: "0 3 * * *" }` (five fields, UTC)');
      const name = spec["name"] ?? `schedule${path.replace(/\D+/g, "")}`;
      if (typeof name !== "string" || !functionName.test(name)) bad(`${path}.schedule.name`, "letters, digits, - and _, starting with a letter");
      try {
        return { kind: "schedule", name, cron: parseCron(spec["cron"]) };
      } catch (cause) {
        throw new ConfigurationError(`${path}.schedule.cron: ${(cause as Error).message.replace(/^\[faasport\] /, "")}`, { variable: path, cause });
      }
    }
    case "storage": {
      const bucket = typeof spec === "string" ? spec : isObject(spec) ? spec["bucket"] : undefined;
      if (typeof bucket !== "string" || bucket === "") bad(`${path}.storage`, "name the bucket, `storage: uploads` or `storage: { bucket: uploads, events: [created] }`");
      const events = isObject(spec) && spec["events"] !== undefined ? spec["events"] : ["created", "removed"];
      if (!Array.isArray(events) || events.length === 0 || events.some((each) => each !== "created" && each !== "removed"))
        bad(`${path}.storage.events`, "a list of created and/or removed");
      const text = (key: string): string | undefined => (isObject(spec) && typeof spec[key] === "string" ? spec[key] : undefined);
      return { kind: "storage", bucket, events: events as ("created" | "removed")[], prefix: text("prefix"), suffix: text("suffix") };
    }
    default:
      bad(path, `unknown event "${kind}": faasport events are http, queue, schedule and storage`);
  }
}

function definition(name: string, value: unknown, path: string): FunctionDefinition {
  if (!functionName.test(name)) bad(path, "a function name has letters, digits, - and _, starts with a letter, and has at most 64 characters");
  if (!isObject(value)) bad(path, "expected an object with `app` and `events`");
  const app = value["app"];
  if (typeof app !== "string" || app === "") bad(`${path}.app`, "the app module, e.g. `app: src/app.ts`");
  const events = value["events"] ?? [];
  if (!Array.isArray(events)) bad(`${path}.events`, "expected a list");
  const number = (key: string): number | undefined => {
    if (value[key] === undefined) return undefined;
    const n = Number(value[key]);
    if (!Number.isInteger(n) || n <= 0) bad(`${path}.${key}`, "a positive whole number");
    return n;
  };
  const environment = value["environment"] ?? {};
  if (!isObject(environment) || Object.values(environment).some((each) => typeof each !== "string")) bad(`${path}.environment`, "a map of names to strings");
  const triggers = events.map((event, index) => trigger(event, `${path}.events[${index}]`));
  const names = triggers.filter((each) => each.kind === "schedule").map((each) => each.name);
  const twice = names.find((each, index) => names.indexOf(each) !== index);
  if (twice) bad(`${path}.events`, `two schedules are named ${twice}`);
  if (triggers.filter((each) => each.kind === "http").length > 1) bad(`${path}.events`, "one http event per function");
  return { name, app, memorySize: number("memorySize"), timeout: number("timeout"), environment: environment as Record<string, string>, triggers };
}

/**
 * Checks the neutral definitions (`custom.faasport` of a `serverless.yml`)
 * and gives them typed, with every default applied. A mistake is a
 * `ConfigurationError` naming the path at fault and what to write.
 *
 * @example
 * const project = normalizeProject({ functions: { todo: { app: "src/app.ts", events: [{ http: true }] } } });
 */
export function normalizeProject(value: unknown, path = "custom.faasport"): ProjectDefinition {
  if (!isObject(value)) bad(path, "expected an object with `functions` (see the faasport deploy guide)");
  const functions = value["functions"];
  if (!isObject(functions) || Object.keys(functions).length === 0) bad(`${path}.functions`, "declare at least one function: `todo: { app: src/app.ts, events: [{ http: true }] }`");
  const bindings = value["bindings"] ?? {};
  if (!isObject(bindings)) bad(`${path}.bindings`, "a map of binding names to per-cloud URLs");
  for (const [name, backends] of Object.entries(bindings)) {
    if (!isObject(backends)) bad(`${path}.bindings.${name}`, "a map of cloud names (aws, aliyun, tencent, cloudflare) to binding URLs");
    for (const [cloud, url] of Object.entries(backends)) {
      if (!clouds.includes(cloud as DeployCloud)) bad(`${path}.bindings.${name}.${cloud}`, `unknown cloud; use ${clouds.join(", ")}`);
      if (typeof url !== "string" || !/^[a-z][a-z0-9+.-]*:/i.test(url))
        bad(`${path}.bindings.${name}.${cloud}`, "a binding URL such as redis://host:6379 or mns://<account>.mns.<region>.aliyuncs.com/topics/<name>");
    }
  }
  return {
    functions: Object.entries(functions).map(([name, each]) => definition(name, each, `${path}.functions.${name}`)),
    bindings: bindings as BindingBackends,
  };
}

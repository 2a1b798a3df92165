import { resolve } from "node:path";
import { ConfigurationError } from "@faasport/core";
import { cronFor, type DeployCloud } from "./cron";
import type { AppInfo } from "./inspect";
import type { FunctionDefinition } from "./project";

/** How each cloud loads the artifact: the file in the package and the handler setting. */
export const artifactLayout: Readonly<Record<DeployCloud, { readonly file: string; readonly handler: string }>> = {
  aws: { file: "index.js", handler: "index.handler" },
  aliyun: { file: "index.js", handler: "index.handler" },
  tencent: { file: "index.js", handler: "index.main_handler" },
  cloudflare: { file: "index.js", handler: "index.js" },
};

const handlerFor = { http: "fetch", queue: "queue", schedule: "scheduled", storage: "storage" } as const;

/**
 * Checks a function's triggers against what its app declares: each trigger
 * needs its handler, and a queue trigger a queue binding of that name.
 */
export function checkTriggers(fn: FunctionDefinition, info: AppInfo): void {
  for (const trigger of fn.triggers) {
    const handler = handlerFor[trigger.kind];
    if (!info.handlers.includes(handler)) {
      throw new ConfigurationError(`function ${fn.name}: a ${trigger.kind} event needs a ${handler}() handler, and ${fn.app} defines only ${info.handlers.join(", ") || "none"}`);
    }
    if (trigger.kind === "queue" && info.bindings[trigger.binding] !== "queue") {
      const queues = Object.keys(info.bindings).filter((name) => info.bindings[name] === "queue");
      throw new ConfigurationError(`function ${fn.name}: queue event ${trigger.binding} is not a queue binding of ${fn.app} (its queues: ${queues.join(", ") || "none"})`);
    }
  }
}

/** The name of the Cloudflare queue a storage trigger's R2 notifications go through. */
export function storageQueueName(service: string, stage: string, bucket: string): string {
  return `${service}-${stage}-${bucket}-events`.toLowerCase();
}

/**
 * The EventBridge rule that fires a schedule on AWS: rule names are unique per
 * account and region, so the service and stage come first (64 characters at most).
 */
export function awsScheduleRuleName(service: string, stage: string, schedule: string): string {
  return `${service}-${stage}-${schedule}`.slice(0, 64);
}

/**
 * The entry module for one function on one cloud: the app, `@faasport/bindings`
 * when the app declares bindings (so `FAASPORT_*` URLs resolve), and the
 * adapter's wrapper exported under the name the platform calls.
 */
export function entrySource(root: string, fn: FunctionDefinition, cloud: DeployCloud, info: AppInfo, names: { readonly service: string; readonly stage: string }): string {
  const app = JSON.stringify(resolve(root, fn.app));
  const lines: string[] = [];
  // Workers get their bindings natively; the Node-based clouds read binding URLs through the drivers.
  if (cloud !== "cloudflare" && Object.keys(info.bindings).length > 0) lines.push(`import "@faasport/bindings";`);
  lines.push(`import app from ${app};`);
  switch (cloud) {
    case "aws": {
      // The app sees `nightly`, as on every other cloud, not the rule's prefixed name.
      const schedules = Object.fromEntries(
        fn.triggers.flatMap((trigger) => (trigger.kind === "schedule" ? [[trigger.name, awsScheduleRuleName(names.service, names.stage, trigger.name)]] : [])),
      );
      const options = Object.keys(schedules).length > 0 ? `, ${JSON.stringify({ schedules })}` : "";
      lines.push(`import { toAws } from "@faasport/adapter-aws";`, `export const handler = toAws(app${options});`);
      break;
    }
    case "aliyun":
      lines.push(`import { toAliyun } from "@faasport/adapter-aliyun";`, "export const handler = toAliyun(app);");
      break;
    case "tencent":
      lines.push(`import { toTencent } from "@faasport/adapter-tencent";`, "export const main_handler = toTencent(app);");
      break;
    case "cloudflare": {
      const schedules = Object.fromEntries(fn.triggers.flatMap((trigger) => (trigger.kind === "schedule" ? [[trigger.name, cronFor(trigger.cron, "cloudflare")]] : [])));
      const storageQueues = fn.triggers.flatMap((trigger) => (trigger.kind === "storage" ? [storageQueueName(names.service, names.stage, trigger.bucket)] : []));
      const options = { ...(Object.keys(schedules).length ? { schedules } : {}), ...(storageQueues.length ? { storageQueues } : {}) };
      lines.push(`import { toCloudflare } from "@faasport/adapter-cloudflare";`, `export default toCloudflare(app, ${JSON.stringify(options)});`);
      break;
    }
  }
  return `${lines.join("\n")}\n`;
}

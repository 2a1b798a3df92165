import { isObject } from "./_utils";
import type { TencentContext } from "./types";

/** SCF's invocation context, in faasport's naming. Fields the runtime did not pass are `undefined`. */
export interface TencentContextInfo {
  readonly requestId: string | undefined;
  readonly functionName: string | undefined;
  readonly functionVersion: string | undefined;
  readonly namespace: string | undefined;
  /** The region, e.g. `ap-guangzhou`. */
  readonly region: string | undefined;
  readonly appId: string | undefined;
  readonly uin: string | undefined;
  readonly memoryLimitMb: number | undefined;
  readonly timeLimitMs: number | undefined;
  /** The function's environment variables, parsed from the `environment` JSON string. */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * Reads SCF's snake_case context (`request_id`, `tencentcloud_region`, a
 * JSON-string `environment`, …) into plain camelCase fields. Handlers reach
 * the native context through `ctx.raw.context`.
 *
 * @example
 * import { readTencentContext } from "@faasport/adapter-tencent";
 * const { region, functionName } = readTencentContext(ctx.raw.context);
 */
export function readTencentContext(context: unknown): TencentContextInfo {
  const scf: TencentContext = isObject(context) ? context : {};
  return {
    requestId: text(scf.request_id),
    functionName: text(scf.function_name),
    functionVersion: text(scf.function_version),
    namespace: text(scf.namespace),
    region: text(scf.tencentcloud_region),
    appId: text(scf.tencentcloud_appid),
    uin: text(scf.tencentcloud_uin),
    memoryLimitMb: count(scf.memory_limit_in_mb),
    timeLimitMs: count(scf.time_limit_in_ms),
    environment: parseEnvironment(scf.environment),
  };
}

/**
 * When the platform stops this invocation, epoch ms: from
 * `getRemainingTimeInMillis()` where the runtime provides it, otherwise the
 * time limit counted from now (the invocation has only just started).
 */
export function deadlineOf(context: unknown, now: number): number | undefined {
  if (!isObject(context)) return undefined;
  const remaining = typeof context["getRemainingTimeInMillis"] === "function" ? Number((context as TencentContext).getRemainingTimeInMillis?.()) : Number.NaN;
  if (Number.isFinite(remaining)) return now + remaining;
  const limit = count(context["time_limit_in_ms"]);
  return limit === undefined ? undefined : now + limit;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;
}

function count(value: unknown): number | undefined {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

function parseEnvironment(environment: unknown): Record<string, string> {
  if (typeof environment !== "string" || environment === "") return {};
  try {
    const parsed: unknown = JSON.parse(environment);
    const out: Record<string, string> = {};
    if (isObject(parsed)) for (const [name, value] of Object.entries(parsed)) if (typeof value === "string") out[name] = value;
    return out;
  } catch {
    return {};
  }
}

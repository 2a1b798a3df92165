import { ConfigurationError } from "@faasport/core";

/** A cloud faasport deploys to. */
export type DeployCloud = "aws" | "aliyun" | "tencent" | "cloudflare";

/** A parsed five-field cron expression (`minute hour day-of-month month day-of-week`, UTC). */
export interface Cron {
  /** The expression as written. */
  readonly source: string;
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly dayOfMonth: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  /** 0 (Sunday) to 6; a written 7 is Sunday too. */
  readonly dayOfWeek: ReadonlySet<number>;
  /** The fields as written, for rendering. */
  readonly fields: readonly [string, string, string, string, string];
}

const months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const limits = [
  { name: "minute", min: 0, max: 59, names: undefined },
  { name: "hour", min: 0, max: 23, names: undefined },
  { name: "day of month", min: 1, max: 31, names: undefined },
  { name: "month", min: 1, max: 12, names: months },
  { name: "day of week", min: 0, max: 7, names: days },
] as const;

function fail(source: string, detail: string): never {
  throw new ConfigurationError(
    `schedule "${source}": ${detail}. Write five fields, "minute hour day-of-month month day-of-week" in UTC, with *, lists, ranges and steps (e.g. "0 3 * * *", "*/15 * * * MON-FRI")`,
  );
}

function parseField(source: string, text: string, index: number): Set<number> {
  const limit = limits[index]!;
  const values = new Set<number>();
  const value = (word: string): number => {
    const named = (limit.names as readonly string[] | undefined)?.indexOf(word.toUpperCase()) ?? -1;
    if (named >= 0) return named + limit.min;
    if (!/^\d+$/.test(word)) fail(source, `${limit.name} value "${word}" is not a number${limit.names ? ` or a name (${limit.names.join(", ")})` : ""}`);
    const number = Number(word);
    if (number < limit.min || number > limit.max) fail(source, `${limit.name} ${number} is outside ${limit.min}-${limit.max}`);
    return number;
  };
  for (const part of text.split(",")) {
    if (/[LW#?]/i.test(part) && !limit.names?.some((name) => part.toUpperCase().includes(name))) fail(source, `${limit.name} "${part}": L, W, # and ? do not exist on every cloud`);
    const match = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!match) fail(source, `${limit.name} "${part}" is not understood (L, W, # and ? do not exist on every cloud)`);
    const [, range, step] = match;
    const by = step === undefined ? 1 : Number(step);
    if (by < 1) fail(source, `${limit.name} step must be at least 1`);
    let from: number;
    let to: number;
    if (range === "*") [from, to] = [limit.min, limit.max];
    else if (range!.includes("-")) [from, to] = range!.split("-").map(value) as [number, number];
    else [from, to] = [value(range!), step === undefined ? value(range!) : limit.max];
    if (from > to) fail(source, `${limit.name} range ${range} runs backwards`);
    for (let each = from; each <= to; each += by) values.add(index === 4 && each === 7 ? 0 : each);
  }
  return values;
}

/**
 * Parses a neutral schedule: a five-field cron expression in UTC, the syntax
 * Workers and crontab share. Anything one of the clouds could not express
 * (`L`, `W`, `#`, `?`, seconds) is a `ConfigurationError` saying so.
 *
 * @example
 * const nightly = parseCron("0 3 * * *");
 * cronMatches(nightly, new Date("2026-01-01T03:00:00Z")); // true
 */
export function parseCron(source: string): Cron {
  const fields = source.trim().split(/\s+/);
  if (fields.length !== 5) fail(source, `has ${fields.length} field${fields.length === 1 ? "" : "s"}, not 5`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields.map((field, index) => parseField(source, field, index)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  return { source, minute, hour, dayOfMonth, month, dayOfWeek, fields: fields as [string, string, string, string, string] };
}

/** Whether the schedule fires in the minute of `date` (UTC), with crontab's rule: when both day fields are restricted, either may match. */
export function cronMatches(cron: Cron, date: Date): boolean {
  if (!cron.minute.has(date.getUTCMinutes()) || !cron.hour.has(date.getUTCHours()) || !cron.month.has(date.getUTCMonth() + 1)) return false;
  const domAny = cron.fields[2] === "*";
  const dowAny = cron.fields[4] === "*";
  const dom = cron.dayOfMonth.has(date.getUTCDate());
  const dow = cron.dayOfWeek.has(date.getUTCDay());
  if (domAny || dowAny) return dom && dow;
  return dom || dow;
}

/** The day-of-week field with names only: clouds number the days differently (AWS and Workers count Sunday as 1), names mean the same everywhere. */
function dayNames(cron: Cron): string {
  if (cron.fields[4] === "*") return "*";
  return [...cron.dayOfWeek]
    .sort((a, b) => a - b)
    .map((day) => days[day])
    .join(",");
}

/**
 * Renders a neutral schedule in a cloud's own syntax:
 * - `aws`: an EventBridge `cron(m h dom mon dow year)`, with `?` in the day field left open;
 * - `aliyun`: FC's six fields, seconds first (`0 0 3 * * *`), UTC;
 * - `tencent`: SCF's seven fields, seconds first and year last (`0 0 3 * * * *`);
 * - `cloudflare`: the five fields of a Cron Trigger.
 * Days of the week are written as names (SUN-SAT), which all four read alike.
 *
 * @example
 * cronFor(parseCron("0 3 * * 1-5"), "aws"); // "cron(0 3 ? * MON,TUE,WED,THU,FRI *)"
 */
export function cronFor(cron: Cron, cloud: DeployCloud): string {
  const [minute, hour, dom, month] = cron.fields;
  const dow = dayNames(cron);
  switch (cloud) {
    case "aws": {
      // EventBridge needs `?` in one of the two day fields and cannot say "either day matches".
      // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
      if (dom !== "*" && dow !== "*") fail(cron.source, "AWS EventBridge cannot restrict both the day of month and the day of week; split it into two schedules");
      return dow === "*" ? `cron(${minute} ${hour} ${dom} ${month} ? *)` : `cron(${minute} ${hour} ? ${month} ${dow} *)`;
    }
    case "aliyun":
      return `0 ${minute} ${hour} ${dom} ${month} ${dow}`;
    case "tencent":
      return `0 ${minute} ${hour} ${dom} ${month} ${dow} *`;
    case "cloudflare":
      return `${minute} ${hour} ${dom} ${month} ${dow}`;
  }
}

import { expect } from "vitest";

/** Which paths of a native event may differ from the sample, and how. Paths look like `$.requestContext.http`. */
export interface ShapeOptions {
  /** Paths that may be absent (or null) in either the built event or the sample. */
  readonly optional?: readonly string[];
  /** Paths holding maps with free keys (headers, query): only the type of their values is compared. */
  readonly maps?: readonly string[];
}

/**
 * Asserts that a built native event has the shape of a real captured one:
 * every key the sample has, with the same JSON type, recursively (array
 * items are compared with the sample's first item). Harnesses use it to
 * prove they never invent a field a cloud does not send, nor drop one it does.
 *
 * @example
 * expectSameShape(built, sampleV2, { optional: ["$.body", "$.cookies"], maps: ["$.headers"] });
 */
export function expectSameShape(built: unknown, sample: unknown, options: ShapeOptions = {}): void {
  const problems: string[] = [];
  compare(built, sample, "$", { optional: new Set(options.optional ?? []), maps: new Set(options.maps ?? []) }, problems);
  expect(problems, problems.join("\n")).toEqual([]);
}

interface Rules {
  readonly optional: ReadonlySet<string>;
  readonly maps: ReadonlySet<string>;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function compare(built: unknown, sample: unknown, path: string, rules: Rules, problems: string[]): void {
  const builtType = typeOf(built);
  const sampleType = typeOf(sample);
  if (builtType !== sampleType) {
    // A field the cloud sends as null when empty may be filled, and the other way round.
    if (!(rules.optional.has(path) && (builtType === "null" || sampleType === "null"))) problems.push(`${path}: built ${builtType}, sample ${sampleType}`);
    return;
  }
  if (builtType === "array") {
    const first = (sample as unknown[])[0];
    if (first !== undefined) for (const item of built as unknown[]) compare(item, first, `${path}[]`, rules, problems);
    return;
  }
  if (builtType !== "object") return;
  const builtObject = built as Record<string, unknown>;
  const sampleObject = sample as Record<string, unknown>;
  if (rules.maps.has(path)) {
    const first = Object.values(sampleObject)[0];
    if (first !== undefined) for (const [key, value] of Object.entries(builtObject)) compare(value, first, `${path}[${key}]`, rules, problems);
    return;
  }
  for (const key of Object.keys(builtObject)) {
    if (!(key in sampleObject) && !rules.optional.has(`${path}.${key}`)) problems.push(`${path}.${key}: not in the sample (an invented field?)`);
  }
  for (const key of Object.keys(sampleObject)) {
    const child = `${path}.${key}`;
    if (key in builtObject) compare(builtObject[key], sampleObject[key], child, rules, problems);
    else if (!rules.optional.has(child)) problems.push(`${child}: in the sample but not built`);
  }
}

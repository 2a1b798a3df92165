import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigurationError } from "@faasport/core";
import { parse } from "yaml";
import { normalizeProject, type ProjectDefinition } from "./project";

/** A project read from disk: its root, service name and neutral definitions. */
export interface Project extends ProjectDefinition {
  readonly root: string;
  readonly service: string;
  /** The file the definitions came from, or `undefined` for a project made from an app path alone. */
  readonly file: string | undefined;
}

const files = ["serverless.yml", "serverless.yaml"];

type Lookup = (path: string) => unknown;

/**
 * Resolves the Serverless Framework variables the CLI can know without the
 * framework: `${env:NAME}`, `${self:path}`, `${sls:stage}`, `${opt:stage}`,
 * each with an optional `, default`. Innermost first, as the framework does.
 */
function resolveString(text: string, self: Lookup, stage: string, where: string): unknown {
  let current: unknown = text;
  for (let round = 0; round < 10 && typeof current === "string" && current.includes("${"); round++) {
    const value: string = current;
    const inner = /\$\{([^${}]+)\}/.exec(value);
    if (!inner) break;
    const [source, ...fallbacks] = inner[1]!.split(",").map((part) => part.trim());
    const fallback = fallbacks.length ? fallbacks.join(",").replace(/^(['"])(.*)\1$/, "$2") : undefined;
    let resolved: unknown;
    if (source!.startsWith("env:")) resolved = process.env[source!.slice(4)];
    else if (source!.startsWith("self:")) resolved = self(source!.slice(5));
    else if (source === "sls:stage" || source === "opt:stage") resolved = stage;
    else if (/^(['"]).*\1$/.test(source!)) resolved = source!.slice(1, -1);
    else
      throw new ConfigurationError(
        `${where}: the faasport CLI cannot resolve \${${inner[1]}} (it knows env:, self:, sls:stage and opt:stage); use a literal value or run the command through the Serverless Framework`,
      );
    resolved ??= fallback;
    if (resolved === undefined) throw new ConfigurationError(`${where}: \${${inner[1]}} has no value; set it or give a default (\${${source}, 'value'})`);
    current = inner[0] === value ? resolved : value.replace(inner[0], typeof resolved === "string" ? resolved : JSON.stringify(resolved));
  }
  return current;
}

function resolveTree(value: unknown, self: Lookup, stage: string, where: string): unknown {
  if (typeof value === "string") return resolveString(value, self, stage, where);
  if (Array.isArray(value)) return value.map((each, index) => resolveTree(each, self, stage, `${where}[${index}]`));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, resolveTree(each, self, stage, `${where}.${key}`)]));
  return value;
}

/**
 * Reads the neutral definitions from the project's `serverless.yml`
 * (`custom.faasport`), the one place they live: the Serverless plugin reads
 * the same block. Variables the CLI can resolve alone (`env`, `self`,
 * `sls:stage`) are resolved; bindings are read as written, since only a
 * deploy needs them.
 *
 * @example
 * const project = loadProject(process.cwd());
 * console.log(project.functions.map((fn) => fn.name));
 */
export function loadProject(root: string, options: { readonly stage?: string } = {}): Project {
  const file = files.map((name) => join(root, name)).find((path) => existsSync(path));
  if (!file) throw new ConfigurationError(`no serverless.yml in ${root}: give the app module instead (faasport dev src/app.ts) or add custom.faasport to a serverless.yml`);
  let document: unknown;
  try {
    document = parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new ConfigurationError(`${file} is not valid YAML: ${(cause as Error).message}`, { cause });
  }
  const config = (typeof document === "object" && document !== null ? document : {}) as Record<string, unknown>;
  const self: Lookup = (path) =>
    path.split(".").reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined), config);
  const stage = options.stage ?? "dev";
  const custom = config["custom"] as Record<string, unknown> | undefined;
  const faasport = custom?.["faasport"] as Record<string, unknown> | undefined;
  if (faasport === undefined) throw new ConfigurationError(`${file} has no custom.faasport block: declare the functions there (see the faasport deploy guide)`);
  const service = resolveTree(config["service"], self, stage, "service");
  const functions = resolveTree(faasport["functions"], self, stage, "custom.faasport.functions");
  const definition = normalizeProject({ ...faasport, functions, bindings: {} });
  return { ...definition, bindings: {}, root, service: typeof service === "string" ? service : "faasport-app", file };
}

/**
 * A project of one function serving HTTP, made from an app module path,
 * for commands run without a `serverless.yml`.
 *
 * @example
 * const project = projectFromApp(process.cwd(), "src/app.ts");
 */
export function projectFromApp(root: string, app: string): Project {
  return {
    root,
    service: "faasport-app",
    file: undefined,
    bindings: {},
    functions: [{ name: "app", app, memorySize: undefined, timeout: undefined, environment: {}, triggers: [{ kind: "http" }] }],
  };
}

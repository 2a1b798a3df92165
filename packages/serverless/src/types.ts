/** The parts of the Serverless Framework (v3 line, osls) the plugin uses. */
export interface Serverless {
  readonly serviceDir: string;
  readonly service: {
    readonly service: string;
    readonly provider: { name: string; region?: string; stage?: string; runtime?: string; iam?: { role?: { statements?: unknown[] } }; [key: string]: unknown };
    functions: Record<string, Record<string, unknown>>;
    resources?: { Resources?: Record<string, unknown>; Outputs?: Record<string, unknown> } | undefined;
    readonly custom?: Record<string, unknown> | undefined;
    readonly package?: { path?: string } | undefined;
  };
  readonly configSchemaHandler: {
    defineCustomProperties(schema: object): void;
    defineProvider(name: string, options: object): void;
  };
  setProvider(name: string, provider: object): void;
  getProvider(name: string): unknown;
}

/** CLI options the plugin reads. */
export interface Options {
  readonly stage?: string;
  readonly region?: string;
  readonly function?: string;
  readonly data?: string;
  readonly path?: string;
  readonly package?: string;
  readonly [key: string]: unknown;
}

/** The logging utilities the framework hands plugins (v3 line). */
export interface Logging {
  readonly log: { notice(message: string): void; success(message: string): void; warning(message: string): void; info(message: string): void };
  readonly writeText?: (text: string) => void;
  readonly progress?: { get(name: string): { notice(message: string): void; remove(): void } };
}

/** A cloud with a provider of our own. */
export type CustomCloud = "aliyun" | "tencent" | "cloudflare";

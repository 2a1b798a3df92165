import type { LogSink } from "@faasport/core";
import { defaultTextTypes, type TextTypeMatcher, textTypeMatcher } from "@faasport/core/runtime";

/** Options for {@link toTencent}. */
export interface TencentOptions {
  /** A path prefix to strip before the app sees the path (a custom-domain path mapping, say). Applied after `stripStage`. */
  readonly basePath?: string;
  /**
   * Strip the API Gateway release environment (`/release`, `/prepub`,
   * `/test`, from `requestContext.stage`) from the front of the path, for
   * APIs reached through the default domain with the stage in the URL.
   * Default `false`. Function URLs have no stage; it does not apply to them.
   */
  readonly stripStage?: boolean;
  /**
   * Response content types sent as text; every other body is sent base64
   * (`isBase64Encoded: true`). Patterns such as `text/*` and `application/*+json`.
   * Defaults to text, JSON, XML, JavaScript, form data and SVG in UTF-8.
   */
  readonly textContentTypes?: readonly string[];
  /** Bindings given as objects (tests, custom drivers); they win over `FAASPORT_*` URLs. */
  readonly env?: Readonly<Record<string, unknown>>;
  /** Where to read vars and binding URLs from; defaults to `process.env` (SCF puts the function's environment variables there). */
  readonly variables?: Readonly<Record<string, string | undefined>>;
  /** Where log records go; one JSON line each on stdout/stderr by default (SCF's log collects both). */
  readonly log?: LogSink;
  /**
   * Use the fast Fetch path (default `true`): the global `Response` becomes a
   * light stand-in that keeps its body as given, and undici loads only when
   * something needs it. `false` keeps Node's classes untouched.
   */
  readonly fastFetch?: boolean;
}

/** Options with every default applied, computed once per cold start. */
export interface ResolvedTencentOptions {
  readonly basePath: string | undefined;
  readonly stripStage: boolean;
  readonly isText: TextTypeMatcher;
}

export function resolveOptions(options: TencentOptions): ResolvedTencentOptions {
  return {
    basePath: options.basePath,
    stripStage: options.stripStage ?? false,
    isText: textTypeMatcher(options.textContentTypes ?? defaultTextTypes),
  };
}

import type { LogSink } from "@faasport/core";
import { defaultTextTypes, type TextTypeMatcher, textTypeMatcher } from "@faasport/core/runtime";

/** Options for {@link toAws}. */
export interface AwsOptions {
  /** A path prefix to strip before the app sees the path (a custom-domain base path mapping, say). */
  readonly basePath?: string;
  /**
   * Response content types sent as text; every other body is sent base64
   * (`isBase64Encoded: true`). Patterns such as `text/*` and `application/*+json`.
   * Defaults to text, JSON, XML, JavaScript, form data and SVG in UTF-8.
   */
  readonly textContentTypes?: readonly string[];
  /**
   * Whether the SQS event source mapping reports partial failures
   * (`FunctionResponseTypes: ReportBatchItemFailures`, set by faasport's
   * Serverless plugin). Default `true`. With `false`, a batch with any
   * message to retry fails as a whole, since Lambda would otherwise delete
   * every message of a successful invocation.
   */
  readonly reportBatchItemFailures?: boolean;
  /** Bindings given as objects (tests, custom drivers); they win over `FAASPORT_*` URLs. */
  readonly env?: Readonly<Record<string, unknown>>;
  /** Where to read vars and binding URLs from; defaults to `process.env`. */
  readonly variables?: Readonly<Record<string, string | undefined>>;
  /** Where log records go; one JSON line each on stdout/stderr by default (CloudWatch reads them). */
  readonly log?: LogSink;
  /**
   * Use the fast Fetch path (default `true`): the global `Response` becomes a
   * light stand-in that keeps its body as given, and undici loads only when
   * something needs it. `false` keeps Node's classes untouched.
   */
  readonly fastFetch?: boolean;
}

/** Options with every default applied, computed once per cold start. */
export interface ResolvedAwsOptions {
  readonly basePath: string | undefined;
  readonly isText: TextTypeMatcher;
  readonly reportBatchItemFailures: boolean;
}

export function resolveOptions(options: AwsOptions): ResolvedAwsOptions {
  return {
    basePath: options.basePath,
    isText: textTypeMatcher(options.textContentTypes ?? defaultTextTypes),
    reportBatchItemFailures: options.reportBatchItemFailures ?? true,
  };
}

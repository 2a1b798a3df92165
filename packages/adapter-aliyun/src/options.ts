import type { LogSink } from "@faasport/core";
import { defaultTextTypes, type TextTypeMatcher, textTypeMatcher } from "@faasport/core/runtime";

/** Options both FC entries take. */
export interface AliyunBaseOptions {
  /** A path prefix to strip before the app sees the path (a custom-domain route, say). */
  readonly basePath?: string;
  /** Bindings given as objects (tests, custom drivers); they win over `FAASPORT_*` URLs. */
  readonly env?: Readonly<Record<string, unknown>>;
  /** Where to read vars and binding URLs from; defaults to `process.env` (the function's environment variables). */
  readonly variables?: Readonly<Record<string, string | undefined>>;
  /** Where log records go; one JSON line each on stdout/stderr by default (FC's log service collects them). */
  readonly log?: LogSink;
  /**
   * Use the fast Fetch path (default `true`): the global `Response` becomes a
   * light stand-in that keeps its body as given, and undici loads only when
   * something needs it. `false` keeps Node's classes untouched.
   */
  readonly fastFetch?: boolean;
}

/** Options for {@link toAliyun}. */
export interface AliyunOptions extends AliyunBaseOptions {
  /**
   * Response content types sent as text; every other body is sent base64
   * (`isBase64Encoded: true`). Patterns such as `text/*` and `application/*+json`.
   * Defaults to text, JSON, XML, JavaScript, form data and SVG in UTF-8.
   */
  readonly textContentTypes?: readonly string[];
  /**
   * The MNS topic whose trigger invokes this function in STREAM format (the
   * trigger's default). A STREAM message without attributes reaches the
   * function as its raw body, with no envelope to recognise it by: with this
   * option set, an event that matches no other trigger is delivered to
   * `queue()` as one message of this topic; without it, such an event is an
   * `UnsupportedEventError`. It also names the queue of STREAM messages that
   * have attributes (`"mns"` when unset), since STREAM events never carry the topic.
   */
  readonly mnsTopic?: string;
}

/** Options for {@link toAliyunFc2Http}. */
export type AliyunFc2HttpOptions = AliyunBaseOptions;

/** Options with every default applied, computed once per cold start. */
export interface ResolvedAliyunOptions {
  readonly basePath: string | undefined;
  readonly isText: TextTypeMatcher;
  readonly mnsTopic: string | undefined;
}

export function resolveOptions(options: AliyunOptions): ResolvedAliyunOptions {
  return {
    basePath: options.basePath,
    isText: textTypeMatcher(options.textContentTypes ?? defaultTextTypes),
    mnsTopic: options.mnsTopic,
  };
}

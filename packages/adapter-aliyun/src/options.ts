import { defaultTextTypes, type HttpAnswerOptions, type PlatformOptions, type TextTypeMatcher, textTypeMatcher } from "@faasport/core/runtime";

/** Options both FC entries take. */
export interface AliyunBaseOptions extends PlatformOptions {
  /** A path prefix to strip before the app sees the path (a custom-domain route, say). */
  readonly basePath?: string;
}

/** Options for {@link toAliyun}. */
export interface AliyunOptions extends AliyunBaseOptions, HttpAnswerOptions {
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

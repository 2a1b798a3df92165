import { defaultTextTypes, type HttpAnswerOptions, type PlatformOptions, type TextTypeMatcher, textTypeMatcher } from "@faasport/core/runtime";

/** Options for {@link toAws}. */
export interface AwsOptions extends PlatformOptions, HttpAnswerOptions {
  /**
   * Whether the SQS event source mapping reports partial failures
   * (`FunctionResponseTypes: ReportBatchItemFailures`, set by faasport's
   * Serverless plugin). Default `true`. With `false`, a batch with any
   * message to retry fails as a whole, since Lambda would otherwise delete
   * every message of a successful invocation.
   */
  readonly reportBatchItemFailures?: boolean;
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

import { defaultTextTypes, type HttpAnswerOptions, type PlatformOptions, type TextTypeMatcher, textTypeMatcher } from "@faasport/core/runtime";

/** Options for {@link toTencent}. `basePath` is applied after `stripStage`. */
export interface TencentOptions extends PlatformOptions, HttpAnswerOptions {
  /**
   * Strip the API Gateway release environment (`/release`, `/prepub`,
   * `/test`, from `requestContext.stage`) from the front of the path, for
   * APIs reached through the default domain with the stage in the URL.
   * Default `false`. Function URLs have no stage; it does not apply to them.
   */
  readonly stripStage?: boolean;
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

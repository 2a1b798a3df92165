import { ConfigurationError } from "@faasport/core";
import type { CustomCloud } from "./types";

const overrides = new Map<string, unknown>();

/**
 * Replaces an SDK module for tests or custom builds, by package name.
 *
 * @example
 * setSdk("tencentcloud-sdk-nodejs/tencentcloud/services/scf", fakeScf);
 */
export function setSdk(name: string, module: unknown): void {
  overrides.set(name, module);
}

/**
 * Loads a cloud SDK on first use. SDKs are optional peer dependencies: a
 * missing one is an error saying what to install, raised before any request.
 */
export async function loadSdk<T>(cloud: CustomCloud, name: string): Promise<T> {
  if (overrides.has(name)) return overrides.get(name) as T;
  const specifier = name;
  try {
    return (await import(/* @vite-ignore */ specifier)) as T;
  } catch (cause) {
    throw new ConfigurationError(
      `deploying to ${cloud} needs the optional peer dependency "${name}": npm install --save-dev ${name
        .split("/")
        .slice(0, name.startsWith("@") ? 2 : 1)
        .join("/")}`,
      {
        cloud,
        cause,
      },
    );
  }
}

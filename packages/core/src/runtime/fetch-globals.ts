import { LightResponseClass, setResponseLoader } from "./light-response";
import { realRequestClass, setRequestLoader } from "./request";

let installed = false;

type Loader<T> = { load: () => T; loaded: boolean };

/**
 * Reads a global without triggering Node's lazy loader on `globalThis`. Node
 * defines `Request`/`Response` as getters that load undici and then replace
 * themselves with a plain value; calling the getter on a scratch object keeps
 * the global untouched, so it can be replaced.
 */
function loaderFor<T>(name: "Request" | "Response"): Loader<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  if (descriptor?.get) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with an explicit scratch receiver, on purpose
    const getter: (this: unknown) => unknown = descriptor.get;
    let value: T | undefined;
    return { load: () => (value ??= getter.call({}) as T), loaded: false };
  }
  const value = (descriptor?.value ?? (globalThis as Record<string, unknown>)[name]) as T;
  return { load: () => value, loaded: true };
}

/**
 * Sets up the fast Fetch path for adapters on Node-based platforms (Lambda,
 * FC, SCF, node:http), once per process:
 * - the global `Response` becomes the light stand-in, so an answer made of a
 *   string or bytes never builds a web stream;
 * - the global `Request` stays the platform's class, but the first touch of
 *   it (an `instanceof` check, say) is what links the lazy request stand-in,
 *   so a cold start that never looks does not load undici.
 * Code that already holds the real classes keeps working: instances of both
 * kinds pass `instanceof` either way.
 *
 * @example
 * installFastFetch();
 */
export function installFastFetch(): void {
  if (installed) return;
  installed = true;
  const response = loaderFor<typeof Response>("Response");
  setResponseLoader(response.load, response.loaded);
  Object.defineProperty(globalThis, "Response", { value: LightResponseClass, writable: true, configurable: true, enumerable: false });

  const request = loaderFor<typeof Request>("Request");
  setRequestLoader(request.load, request.loaded);
  if (!request.loaded) {
    Object.defineProperty(globalThis, "Request", {
      get() {
        const Real = realRequestClass();
        Object.defineProperty(globalThis, "Request", { value: Real, writable: true, configurable: true, enumerable: false });
        return Real;
      },
      set(value: unknown) {
        Object.defineProperty(globalThis, "Request", { value, writable: true, configurable: true, enumerable: false });
      },
      configurable: true,
      enumerable: false,
    });
  }
}

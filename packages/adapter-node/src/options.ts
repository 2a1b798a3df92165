import type { PlatformOptions } from "@faasport/core/runtime";

/** Options for {@link serve} and {@link createRequestListener}. */
export interface NodeOptions extends PlatformOptions {
  /** Port to listen on; `0` picks a free one (read it from the resolved server). Default 3000, or `PORT`. */
  readonly port?: number;
  /** Interface to bind. Default `127.0.0.1`; `0.0.0.0` for containers and SCF web functions. */
  readonly hostname?: string;
  /** Largest request body accepted, in bytes; a larger one is answered 413. Default 32 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * The backend for declared bindings without a URL. Default: the embedded
   * default, `memory:` or, once `@faasport/bindings` is imported, SQLite
   * (`sqlite:.faasport/dev.db`) for KV and the SQLite-backed local queue.
   */
  readonly defaultBindingUrl?: string;
}

import type { LogSink } from "@faasport/core";

/** Options for {@link serve} and {@link createRequestListener}. */
export interface NodeOptions {
  /** Port to listen on; `0` picks a free one (read it from the resolved server). Default 3000, or `PORT`. */
  readonly port?: number;
  /** Interface to bind. Default `127.0.0.1`; `0.0.0.0` for containers and SCF web functions. */
  readonly hostname?: string;
  /** Largest request body accepted, in bytes; a larger one is answered 413. Default 32 MiB. */
  readonly maxBodyBytes?: number;
  /** Bindings given as objects; they win over `FAASPORT_*` URLs. */
  readonly env?: Readonly<Record<string, unknown>>;
  /** Where to read vars and binding URLs from; defaults to `process.env`. */
  readonly variables?: Readonly<Record<string, string | undefined>>;
  /**
   * The backend for declared bindings without a URL. Default: the embedded
   * default, `memory:` or, once `@faasport/bindings` is imported, SQLite
   * (`sqlite:.faasport/dev.db`) for KV and the SQLite-backed local queue.
   */
  readonly defaultBindingUrl?: string;
  /** Where log records go; one JSON line each on stdout/stderr by default. */
  readonly log?: LogSink;
  /**
   * Use the fast Fetch path (default `true`): the global `Response` becomes a
   * light stand-in that keeps its body as given, and undici loads only when
   * something needs it. `false` keeps Node's classes untouched.
   */
  readonly fastFetch?: boolean;
}

import type { Cloud } from "./cloud";

/** Stable, documented error codes. Compare `error.code`, never the message. */
export type FaasportErrorCode = "UNSUPPORTED_EVENT" | "CONFIGURATION" | "PROVIDER" | "CONFLICT" | "HTTP" | "INVALID_ARGUMENT" | "HANDLER_MISSING";

/** Options shared by every faasport error. */
export interface FaasportErrorOptions {
  readonly cloud?: Cloud | undefined;
  readonly cause?: unknown;
}

const brand: unique symbol = Symbol.for("faasport.error") as never;

/**
 * Base class of every error faasport throws. `code` is stable across
 * releases; the message starts with `[faasport]` and, where it applies, the cloud.
 *
 * @example
 * try { await handler(event, context) } catch (error) {
 *   if (isFaasportError(error) && error.code === "UNSUPPORTED_EVENT") { ... }
 * }
 */
export class FaasportError extends Error {
  override readonly name: string = "FaasportError";
  readonly code: FaasportErrorCode;
  readonly cloud: Cloud | undefined;

  constructor(code: FaasportErrorCode, message: string, options: FaasportErrorOptions = {}) {
    const prefix = options.cloud ? `[faasport] [${options.cloud}] ` : "[faasport] ";
    super(prefix + message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.cloud = options.cloud;
    Object.defineProperty(this, brand, { value: true });
  }
}

/**
 * True for any faasport error, even one thrown by another copy of the package
 * (a bundle and `node_modules` side by side), so it does not rely on `instanceof`.
 *
 * @example
 * if (isFaasportError(error, "CONFIGURATION")) console.error(error.message);
 */
export function isFaasportError(value: unknown, code?: FaasportErrorCode): value is FaasportError {
  if (typeof value !== "object" || value === null || !(brand in value)) return false;
  return code === undefined || (value as unknown as FaasportError).code === code;
}

/**
 * The adapter received an event whose shape it does not know.
 *
 * @example
 * new UnsupportedEventError("aws", "an object with keys: foo, bar")
 */
export class UnsupportedEventError extends FaasportError {
  override readonly name: string = "UnsupportedEventError";
  /** A short description of what was received (its type and top-level keys). */
  readonly received: string;

  constructor(cloud: Cloud, received: string, options: { cause?: unknown } = {}) {
    super("UNSUPPORTED_EVENT", `unsupported event: received ${received}`, { cloud, cause: options.cause });
    this.received = received;
  }
}

/**
 * Deployment configuration is missing or malformed (a binding URL, a variable, an option).
 *
 * @example
 * new ConfigurationError("binding TODOS has no URL: set FAASPORT_KV_TODOS", { variable: "FAASPORT_KV_TODOS" })
 */
export class ConfigurationError extends FaasportError {
  override readonly name: string = "ConfigurationError";
  /** The environment variable or option at fault, where there is one. */
  readonly variable: string | undefined;

  constructor(message: string, options: FaasportErrorOptions & { variable?: string } = {}) {
    super("CONFIGURATION", message, options);
    this.variable = options.variable;
  }
}

/**
 * A backend (KV store, queue service, cloud API) failed. `retryable` tells
 * whether the same call may succeed later (a lost connection) or never will.
 *
 * @example
 * new ProviderError("redis", "connection refused", { retryable: true, cause })
 */
export class ProviderError extends FaasportError {
  override readonly name: string = "ProviderError";
  readonly provider: string;
  readonly retryable: boolean;

  constructor(provider: string, message: string, options: FaasportErrorOptions & { retryable: boolean }) {
    super("PROVIDER", `[${provider}] ${message}`, options);
    this.provider = provider;
    this.retryable = options.retryable;
  }
}

/**
 * A compare-and-set lost the race: the stored version is not the one expected.
 *
 * @example
 * new ConflictError("todo:1")
 */
export class ConflictError extends FaasportError {
  override readonly name: string = "ConflictError";
  readonly key: string;

  constructor(key: string, options: FaasportErrorOptions = {}) {
    super("CONFLICT", `version conflict on key ${JSON.stringify(key)}`, options);
    this.key = key;
  }
}

/**
 * An error that should become a plain HTTP answer. Its message is sent to
 * the client, so it must not carry internals.
 *
 * @example
 * throw new HttpError(404, "no such todo")
 */
export class HttpError extends FaasportError {
  override readonly name: string = "HttpError";
  readonly status: number;
  readonly expose: boolean = true;

  constructor(status: number, message: string, options: FaasportErrorOptions = {}) {
    super("HTTP", message, options);
    this.status = status;
  }

  /** A plain-text response carrying the status and the message (without the `[faasport]` prefix). */
  toResponse(): Response {
    const text = this.message.replace(/^\[faasport\] (\[[a-z]+\] )?/, "");
    return new Response(text, { status: this.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

/**
 * The app has no handler for the kind of event that arrived (a queue batch
 * for an app without `queue`, say).
 *
 * @example
 * new HandlerMissingError("queue", "aws")
 */
export class HandlerMissingError extends FaasportError {
  override readonly name: string = "HandlerMissingError";
  readonly handler: string;

  constructor(handler: string, cloud?: Cloud) {
    super("HANDLER_MISSING", `the app defines no ${handler}() handler for this event`, { cloud });
    this.handler = handler;
  }
}

/** Describes an unknown value for an error message: its type and, for objects, its first keys. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value !== "object") return `a ${typeof value}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return "an empty object";
  const shown = keys.slice(0, 8).join(", ");
  return `an object with keys: ${shown}${keys.length > 8 ? `, … (${keys.length} in all)` : ""}`;
}

/**
 * A binding or helper was called with an argument it cannot accept (an empty
 * key, a negative TTL, a value past the backend's size limit).
 *
 * @example
 * new InvalidArgumentError("expirationTtl must be a positive number of seconds, got -1")
 */
export class InvalidArgumentError extends FaasportError {
  override readonly name: string = "InvalidArgumentError";

  constructor(message: string, options: FaasportErrorOptions = {}) {
    super("INVALID_ARGUMENT", message, options);
  }
}

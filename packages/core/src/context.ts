import type { Cloud } from "./cloud";
import type { Logger } from "./log";

/**
 * What every handler receives as its third argument. It satisfies the
 * Workers `ExecutionContext` shape, so a Hono or itty-router app's
 * `fetch(request, env, ctx)` plugs straight in.
 *
 * @example
 * async fetch(request, env, ctx) {
 *   ctx.waitUntil(env.AUDIT.send({ path: new URL(request.url).pathname }));
 *   ctx.log.info("served", { cloud: ctx.cloud });
 *   return new Response("ok");
 * }
 */
export interface Context {
  readonly cloud: Cloud;
  /** The platform's request id (or a generated one where it gives none). */
  readonly requestId: string;
  /** Epoch ms by which the platform stops the invocation, where it says. */
  readonly deadline: number | undefined;
  /**
   * Keeps background work alive. Where a platform freezes the instance once
   * the handler returns (Lambda, FC, SCF), the adapter settles every such
   * promise before it returns; a rejection is logged, never lost.
   */
  waitUntil(promise: Promise<unknown>): void;
  /** Workers only: fall through to the origin on an uncaught error. A no-op elsewhere, where there is no origin. */
  passThroughOnException(): void;
  /** Structured JSON-line logger; every record carries `requestId` and `cloud`. */
  readonly log: Logger;
  /** The native event and context, as the platform passed them: the escape hatch. */
  readonly raw: { readonly event: unknown; readonly context: unknown };
  /** Workers' `ctx.props` (service-binding props); empty elsewhere. */
  readonly props: Readonly<Record<string, unknown>>;
}

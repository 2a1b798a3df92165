import type { AnyApp, KV, LogRecord, LogSink } from "@faasport/core";
import type { Capability } from "./capabilities";

/** An HTTP request as a client sends it. */
export interface HttpCase {
  readonly method: string;
  /** The path as it goes on the wire: percent-encoded where needed. */
  readonly path: string;
  /** The raw query string without `?`; `undefined` when the URL has no `?`. */
  readonly query: string | undefined;
  /** Header pairs in the client's casing; a repeated name is repeated. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array | undefined;
}

/** What the client receives. */
export interface HttpOutcome {
  readonly status: number;
  /** Header pairs with lower-case names, `set-cookie` excluded. */
  readonly headers: readonly (readonly [string, string])[];
  /** Each `Set-Cookie` value the client receives. */
  readonly cookies: readonly string[];
  readonly body: Uint8Array;
}

/** A batch a queue delivers. */
export interface QueueCase {
  readonly queue: string;
  readonly messages: readonly { readonly id: string; readonly body: string; readonly attempts: number; readonly sentAt: number }[];
}

/** Which messages the platform will deliver again. */
export interface QueueOutcome {
  readonly redelivered: readonly string[];
  /** Redelivery delay per message id, where the platform's answer carries one. */
  readonly delays?: Readonly<Record<string, number>>;
  /**
   * The id the app saw, per message id of the case, where the platform names
   * messages itself instead of carrying the sender's id (Kafka: topic,
   * partition and offset). The suite then looks the app's records up by it.
   */
  readonly ids?: Readonly<Record<string, string>>;
}

/** A timer firing. */
export interface ScheduledCase {
  readonly name: string;
  readonly cron: string;
  readonly scheduledTime: number;
}

/** An object event in a bucket. */
export interface StorageCase {
  readonly bucket: string;
  /** The decoded key. */
  readonly key: string;
  readonly action: "created" | "removed";
  readonly size: number;
  readonly etag: string;
  readonly time: number;
}

/** Whether the platform saw the invocation fail (and so retries it). */
export interface TaskOutcome {
  readonly failed: boolean;
}

/** A capability a platform lacks, and why. The suite then checks the documented degraded behaviour instead. */
export interface Limit {
  readonly reason: string;
  /** The documentation or fixture the limit rests on. */
  readonly source?: string;
}

/**
 * How large a body the event source carries, and what happens past that.
 * `answer-too-large`: the platform takes the answer as a size-limited JSON
 * document, so faasport answers an app's oversized response itself (500,
 * `Response Too Large`, with the request id) rather than leave the gateway's
 * bare 502. `request-too-large`: faasport reads the body and refuses one
 * over its limit with a 413. `platform`: only the platform refuses (its own
 * 413), before the function runs.
 */
export interface PayloadInfo {
  /** The largest binary body that makes the round trip (request event and answer both within the limit). */
  readonly maxBodyBytes: number;
  /** A body size past the limit, for the check of what happens there. */
  readonly pastBodyBytes: number;
  readonly past: "answer-too-large" | "request-too-large" | "platform";
  /** The documented limit and where it is documented. */
  readonly source: string;
}

/** Static facts about a harness: its name, its platform column, its limits. */
export interface HarnessInfo {
  /** Test name, e.g. `aws: HTTP API (v2)`. */
  readonly name: string;
  /** Column of the compatibility table, e.g. `AWS`. */
  readonly platform: string;
  /** Row label within the platform, e.g. `HTTP API v2`. */
  readonly source: string;
  /** The kinds of trigger this event source delivers. */
  readonly kinds: readonly ("http" | "queue" | "scheduled" | "storage")[];
  readonly limits?: Partial<Record<Capability, Limit>>;
  /** Whether the platform freezes the instance when the handler returns (Lambda, FC, SCF): `waitUntil` must then be settled before the answer. */
  readonly freezes: boolean;
  /**
   * Whether the platform invokes the function once per queue message (MNS topic triggers): the messages of
   * a case are then separate invocations, and a throw fails only the invocation of its own message.
   */
  readonly oneMessagePerInvocation?: boolean;
  /** Payload limits of an HTTP event source, for the hostile-input suite. */
  readonly payload?: PayloadInfo;
  /**
   * How the platform turns non-ASCII header values into bytes on the wire and
   * back: one byte per character up to U+00FF, as Node does (`latin1`, the
   * default; platforms whose events carry header strings in JSON keep the
   * string either way), or UTF-8 (`utf-8`, workerd). A client's bytes are
   * passed on as the platform decodes them; faasport changes nothing.
   */
  readonly headerEncoding?: "latin1" | "utf-8";
}

/** What the suite hands a harness to build its entry from. */
export interface HarnessSetup {
  /** The contract app, to wrap with the adapter under test. */
  readonly app: AnyApp;
  /**
   * Absolute path of a module whose default export is that app, for harnesses
   * that run the app in another runtime and must bundle it (workerd).
   */
  readonly appModule: string;
  /** Bindings the app declares (`PROBE`), for adapters that take bindings as objects. */
  readonly bindings: { readonly PROBE: KV };
  /** A log sink that the suite reads; pass it to the adapter. */
  readonly log: LogSink;
}

/** A running harness: turns neutral cases into native invocations and native results back. */
export interface Harness {
  readonly http?: (request: HttpCase) => Promise<HttpOutcome>;
  readonly queue?: (batch: QueueCase) => Promise<QueueOutcome>;
  readonly scheduled?: (event: ScheduledCase) => Promise<TaskOutcome>;
  readonly storage?: (event: StorageCase) => Promise<TaskOutcome>;
  /** The probe KV as the app writes it, when the harness runs the app elsewhere (workerd). */
  readonly probe?: KV;
  /** Log records, when the harness collects them itself (another process). */
  readonly logs?: () => Promise<readonly LogRecord[]>;
  readonly close?: () => Promise<void>;
}

/** A harness definition: its facts plus how to start it. */
export interface HarnessDefinition extends HarnessInfo {
  readonly setup: (setup: HarnessSetup) => Harness | Promise<Harness>;
}

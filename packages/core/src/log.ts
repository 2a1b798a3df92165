/** Severity of a log record. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** One structured log record, written as one JSON line by the default sink. */
export interface LogRecord {
  readonly level: LogLevel;
  readonly msg: string;
  /** Epoch ms. */
  readonly time: number;
  readonly requestId: string;
  readonly cloud: string;
  readonly [field: string]: unknown;
}

/** Where log records go. The default writes one JSON line per record to stdout or stderr. */
export type LogSink = (record: LogRecord) => void;

/** Structured logger; every record carries the request id and the cloud. */
export interface Logger {
  readonly debug: (msg: string, fields?: Record<string, unknown>) => void;
  readonly info: (msg: string, fields?: Record<string, unknown>) => void;
  readonly warn: (msg: string, fields?: Record<string, unknown>) => void;
  readonly error: (msg: string, fields?: Record<string, unknown>) => void;
}

/**
 * Writes a record as one JSON line: `warn` and `error` on stderr, the rest on stdout.
 * Serverless platforms collect both streams line by line, so one record stays one log entry.
 */
export const jsonLineSink: LogSink = (record) => {
  const line = safeStringify(record);
  if (record.level === "error" || record.level === "warn") console.error(line);
  else console.log(line);
};

/**
 * A logger bound to one invocation.
 *
 * @example
 * const log = createLogger({ requestId: "abc", cloud: "node" });
 * log.info("todo created", { id: 1 });
 */
export function createLogger(base: { requestId: string; cloud: string }, sink: LogSink = jsonLineSink): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    const extra = fields ? serializeFields(fields) : undefined;
    sink({ ...extra, level, msg, time: Date.now(), requestId: base.requestId, cloud: base.cloud });
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
  };
}

/** Errors do not survive `JSON.stringify`; turn them into plain objects that keep name, message, stack and cause. */
function serializeFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error ? serializeError(value) : value;
  return out;
}

/** A JSON-safe view of an error, for logs only (never for a response body). */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const out: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out["code"] = code;
  if (error.cause !== undefined && depth < 3) out["cause"] = serializeError(error.cause, depth + 1);
  return out;
}

function safeStringify(record: LogRecord): string {
  try {
    return JSON.stringify(record, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  } catch {
    return JSON.stringify({ level: record.level, msg: record.msg, time: record.time, requestId: record.requestId, cloud: record.cloud, note: "fields were not serialisable" });
  }
}

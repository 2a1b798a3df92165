/**
 * faasport's core: define an app once (`defineApp`), with typed bindings
 * (`kv()`, `queue<T>()`), neutral events and one error model. Adapters run
 * it on AWS Lambda, Alibaba Cloud FC, Tencent Cloud SCF, Cloudflare Workers and Node.js.
 *
 * @module
 */
export {
  type AnyApp,
  type App,
  type AppSpec,
  type BindingDeclarations,
  defineApp,
  type Env,
  type FetchHandler,
  isApp,
  kv,
  type KVDeclaration,
  queue,
  type QueueDeclaration,
  type QueueHandler,
  type ScheduledHandler,
  type StorageHandler,
} from "./app";
export type { Cloud } from "./cloud";
export { type CloudEvent, type CloudEventOptions, toCloudEvent } from "./cloud-event";
export type { Context } from "./context";
export {
  ConfigurationError,
  ConflictError,
  FaasportError,
  type FaasportErrorCode,
  type FaasportErrorOptions,
  HandlerMissingError,
  HttpError,
  InvalidArgumentError,
  isFaasportError,
  ProviderError,
  UnsupportedEventError,
} from "./errors";
export type { ScheduledEvent, StorageEvent } from "./events";
export { type AtomicKV, type KV, type KVListOptions, type KVListResult, type KVPutOptions, type KVValue, supportsCompareAndSet, type VersionedValue } from "./kv";
export { createLogger, jsonLineSink, type Logger, type LogLevel, type LogRecord, type LogSink, serializeError } from "./log";
export { createMemoryKV, createMemoryQueue, type MemoryKVOptions, type MemoryQueue, type MemoryQueueMessage } from "./memory";
export type { Queue, QueueSendOptions, QueueSendRequest } from "./queue";
export type { QueueBatch, QueueMessage, RetryOptions } from "./queue-batch";

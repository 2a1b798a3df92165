/**
 * The toolkit adapters are built from: env resolution, the wrapped handlers,
 * the lazy `Request`, response serialisation and byte helpers. Apps never
 * need it; adapter authors do.
 *
 * @module
 */
export { answerHttp } from "./answer-http";
export { base64ToBytes, bytesToBase64, utf8Bytes, utf8OrUndefined } from "./bytes";
export { type BindingFactory, bindingVariable, embeddedDefaultUrl, type EnvSource, registerBindingScheme, registerEmbeddedDefault, resolveEnv } from "./env";
export { attemptCount, eventDate, sizeField, textField } from "./fields";
export { groupedHeaderRecord, invalidHeaderValue, joinedHeaderRecord } from "./headers";
export { buildUrl, encodeQueryComponent, eventBody, headerPairs, headerValue, queryFromMaps, recordHeaderValue, statusText, stripBasePath, toUrlPath } from "./http";
export { batchMustFail, isLocalQueueBinding, type LocalConsumer, type LocalQueueBinding } from "./local-queue";
export { type PayloadLimit, withinPayloadLimit } from "./payload-limit";
export { createPlatformRuntime, finishTask, finishWholeBatch, type HttpAnswerOptions, type PlatformOptions } from "./platform";
export { createRequest, type HeaderMap, type HeaderPairs, realRequestClass, type RequestParts } from "./request";
export { installFastFetch } from "./fetch-globals";
export { isLightResponse, readLightResponse, realResponseClass, type ResponseParts } from "./light-response";
export { defaultTextTypes, readResponse, type SerializedResponse, serializeResponse, type TextTypeMatcher, textTypeMatcher } from "./response";
export { createRuntime, type Invocation, type InvocationInit, errorResponse, type QueueRunResult, type Runtime, type RuntimeOptions, type TaskResult } from "./runtime";
export { createQueueBatch, decodeMessageBody, encodeMessageBody, type MessageOutcome, type QueueBatchHandle, type QueueMessageInit } from "../queue-batch";
export { createScheduledEvent, type ScheduledEventHandle, type ScheduledEventInit } from "../events";
export { compareKeys, decodeCursor, decodeKVValue, encodeCursor, encodeKVValue, type KVValueType, resolveExpiration, resolveListLimit, validateKey } from "../kv-codec";
export { describeValue } from "../errors";

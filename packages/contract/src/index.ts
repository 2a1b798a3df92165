/**
 * The portability proof: one contract suite, one fixed app, run once per
 * adapter event source through a small harness that speaks the platform's
 * native event format.
 *
 * @module
 */
export { contractApp, type EchoReport, type QueueInstruction, responseCookies, unicodeText } from "./app";
export { seededBytes, toBase64, utf8 } from "./payloads";
export { answerBody, answerHeaders, caseHeader, eventBodyOf, formDecode, groupedValues, isTextRequest, joinedValues, lastValues, proxyAnswerOutcome, queryPairs } from "./native";
export { type Capability, capabilities, capabilityGroups } from "./capabilities";
export { type InteropApp, renderCompatibility } from "./compatibility";
export type {
  Harness,
  HarnessDefinition,
  HarnessInfo,
  HarnessSetup,
  HttpCase,
  HttpOutcome,
  Limit,
  PayloadInfo,
  QueueCase,
  QueueOutcome,
  ScheduledCase,
  StorageCase,
  TaskOutcome,
} from "./harness";
export { recordingApp, type Recording, rejection } from "./recorder";
export { sendOverSocket } from "./socket";
export { runContractSuite } from "./suite";
export type { ContractSubject } from "./suite-context";
export { expectSameShape, type ShapeOptions } from "./shape";
export { clearKV, type KVDriverLimits, type KVSuiteClock, type KVSuiteContext, type KVSuiteDefinition, runKVSuite } from "./kv-suite";
export { keyOfBytes, readStream } from "./kv-suite-cases";
export { type QueueDriverLimits, type QueueSuiteDefinition, runQueueSuite } from "./queue-suite";
export {
  applyMutations,
  type EventMutation,
  eventMutation,
  fuzzRuns,
  fuzzSeed,
  hostileText,
  hugeText,
  invalidBase64,
  jsonJunk,
  type MutatedEvent,
  mutatedEvent,
} from "./fuzz";
export { httpCases } from "./fuzz-http";
export { checkProperty, failOn, type PropertyOptions } from "./fuzz-property";
export {
  appFailureMessage,
  type FuzzMode,
  fuzzMode,
  httpAnswerProblem,
  type InspectingApp,
  inspectingApp,
  jsonProblem,
  type Settlement,
  settle,
  settlementProblem,
} from "./fuzz-check";
export {
  captureJsonLines,
  crashCases,
  type FaultKind,
  type FaultTestKit,
  type FaultyApp,
  failedAnswerProblem,
  failedRunProblem,
  faultRequest,
  faultyApp,
  httpFaults,
  redeliveryProblem,
  useFaultyApp,
} from "./faults";
export { runHostileHttpSuite } from "./hostile-suite";

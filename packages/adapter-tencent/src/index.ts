/**
 * Runs a faasport app on Tencent Cloud SCF: API Gateway (integration
 * response), function URLs, timers, CMQ topics, COS and CKafka, all through
 * one `main_handler`. SCF web functions run the app with
 * `@faasport/adapter-node` instead (see the README).
 *
 * @module
 */
export { readTencentContext, type TencentContextInfo } from "./context";
export { type TencentHandler, toTencent } from "./handler";
export type { TencentOptions } from "./options";
export type * from "./types";

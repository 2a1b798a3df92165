/**
 * Runs a faasport app on Alibaba Cloud Function Compute: the FC 3.0 event
 * handler (HTTP triggers of built-in runtimes, timers, MNS topics, OSS) and
 * the FC 2.0 HTTP handler.
 *
 * @module
 */
export { type AliyunFc2HttpHandler, toAliyunFc2Http } from "./fc2-http";
export { type AliyunHandler, toAliyun } from "./handler";
export type { AliyunBaseOptions, AliyunFc2HttpOptions, AliyunOptions } from "./options";
export type * from "./types";

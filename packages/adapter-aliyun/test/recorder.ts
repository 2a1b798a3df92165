import { type AliyunOptions, toAliyun, toAliyunFc2Http } from "@faasport/adapter-aliyun";
import { type LogRecord } from "@faasport/core";
import { recordingApp } from "@faasport/contract";

export { rejection } from "@faasport/contract";

/** The recording app behind both FC entries, and the logs they wrote. */
export function recorder(options: AliyunOptions = {}) {
  const { app, seen, contexts } = recordingApp();
  const logs: LogRecord[] = [];
  const common = { variables: {}, log: (record: LogRecord) => logs.push(record) };
  return { seen, contexts, logs, handler: toAliyun(app, { ...common, ...options }), fc2: toAliyunFc2Http(app, common) };
}

/**
 * The faasport command line as a library: `build` (deployable artifacts per
 * cloud, which the Serverless plugin packages through), `invoke` (one native
 * event through one adapter) and `dev` (the app on the Node adapter with hot
 * reload, queues and cron). The `faasport` binary is a thin layer over these.
 *
 * @module
 */
export { type BuildOptions, type BuildResult, type BuiltFunction, build, bundleFunction, zipFiles } from "./build";
export { type BundleOptions, type BundleTarget, bundle } from "./bundle";
export { loadProject, type Project, projectFromApp } from "./config";
export { type Cron, cronFor, cronMatches, type DeployCloud, parseCron } from "./cron";
export { type DevEvent, type DevHandle, type DevOptions, dev } from "./dev";
export { artifactLayout, awsScheduleRuleName, checkTriggers, entrySource, storageQueueName } from "./entry";
export { type AppInfo, inspectApp } from "./inspect";
export { type InvokeOptions, invoke } from "./invoke";
export {
  type BindingBackends,
  type FunctionDefinition,
  type HttpTrigger,
  normalizeProject,
  type ProjectDefinition,
  type QueueTrigger,
  type ScheduleTrigger,
  type StorageTrigger,
  type Trigger,
} from "./project";
export { type Clock, type Schedule, type Scheduler, startScheduler } from "./scheduler";

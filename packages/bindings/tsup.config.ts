import { packageBuild } from "../../tsup.shared";

const drivers = ["memory", "sqlite", "local", "redis", "dynamodb", "sqs", "mns", "cmq", "cloudflare"];

export default packageBuild({ index: "src/index.ts", ...Object.fromEntries(drivers.map((driver) => [driver, `src/${driver}.ts`])) });

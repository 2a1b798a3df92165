import { packageBuild } from "../../tsup.shared";

export default packageBuild({ index: "src/index.ts", runtime: "src/runtime/index.ts" });

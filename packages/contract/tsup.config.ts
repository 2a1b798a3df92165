import { packageBuild } from "../../tsup.shared";

export default packageBuild({ index: "src/index.ts", app: "src/app.ts", payloads: "src/payloads.ts" }, { shims: true });

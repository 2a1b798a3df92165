import { packageBuild } from "../../tsup.shared";

// `dev-server` is its own entry: `faasport dev` bundles it into the process that runs the app.
export default [
  packageBuild({ index: "src/index.ts", "dev-server": "src/dev-server.ts" }, { shims: true }),
  packageBuild({ bin: "src/bin.ts" }, { format: ["esm"], dts: false, clean: false }),
];

import { packageBuild } from "../../tsup.shared";

// The framework `require`s a plugin and takes module.exports as the class: tsup emits `module.exports = <default>` for a lone default export.
export default packageBuild({ index: "src/index.ts" });

import { readFileSync, writeFileSync } from "node:fs";
import { packageBuild } from "../../tsup.shared";

// The framework `require`s a plugin and takes module.exports as the class: cjsInterop makes the CommonJS build and its
// types say so (`export =`). tsup 9 then appends a second `module.exports = exports.default;` that would undo it, so it goes.
export default packageBuild(
  { index: "src/index.ts" },
  {
    cjsInterop: true,
    async onSuccess() {
      const file = "dist/index.cjs";
      writeFileSync(file, readFileSync(file, "utf8").replace(/\nmodule\.exports = exports\.default;\s*$/, "\n"));
    },
  },
);

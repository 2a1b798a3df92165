import { defineConfig } from "tsup";

// One file per target, each a complete entry for its platform.
export default defineConfig({ entry: ["src/node.ts", "src/aws.ts", "src/aliyun.ts", "src/tencent.ts"], format: ["esm"], target: "node20", clean: true, splitting: false });

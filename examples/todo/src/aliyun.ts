import { toAliyun } from "@faasport/adapter-aliyun";
import app from "./app";

/** Alibaba Cloud FC 3.0 entry (built-in Node.js runtime): `handler: aliyun.handler` in `dist/`. */
export const handler = toAliyun(app);

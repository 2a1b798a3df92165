import type { HarnessInfo } from "@faasport/contract";
import { aliyunHarnesses } from "../packages/adapter-aliyun/test/harness";
import { awsHarnesses } from "../packages/adapter-aws/test/harness";
import { nodeHttp } from "../packages/adapter-node/test/harness";
import { tencentHarnesses } from "../packages/adapter-tencent/test/harness";

/** Every contract harness, in the column order of docs/compatibility.md. Each adapter adds its own here. */
export const allHarnesses: readonly HarnessInfo[] = [nodeHttp, ...awsHarnesses, ...aliyunHarnesses, ...tencentHarnesses];

/** The platforms faasport runs on. */
export type Cloud = "aws" | "aliyun" | "tencent" | "cloudflare" | "node";

import { toAws } from "@faasport/adapter-aws";
import app from "./app";

/** AWS Lambda entry (`handler: aws.handler`); `FAASPORT_KV_PROBE` names the KV backend. */
export const handler = toAws(app);

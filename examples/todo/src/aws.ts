import { toAws } from "@faasport/adapter-aws";
import app from "./app";

/** AWS Lambda entry: `handler: dist/aws.handler`. */
export const handler = toAws(app);

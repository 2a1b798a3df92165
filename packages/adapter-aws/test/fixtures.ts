import { readFileSync } from "node:fs";

/** A fresh copy of a captured AWS event from `test/fixtures` (see SOURCES.md there). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as T;
}

/** A Lambda context as the Node.js runtime passes it (the fields faasport reads). */
export function lambdaContext(requestId: string = crypto.randomUUID(), remainingMs = 30_000) {
  const deadline = Date.now() + remainingMs;
  return {
    awsRequestId: requestId,
    functionName: "contract",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:contract",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

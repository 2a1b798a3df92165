import { appFetch } from "./app.mjs";

/** A Lambda handler that speaks the Fetch API by hand: a real Request in, a real Response read back. */
export const fetchByHand = async (event) => {
  const headers = new Headers();
  for (const name in event.headers) headers.append(name, event.headers[name]);
  if (event.cookies?.length) headers.set("cookie", event.cookies.join("; "));
  const url = `https://${event.headers.host}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ""}`;
  const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, "base64") : event.body) : undefined;
  const response = await appFetch(new Request(url, { method: event.requestContext.http.method, headers, body }));
  const type = response.headers.get("content-type") ?? "";
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = type.startsWith("text/") || type.startsWith("application/json");
  return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: bytes.toString(text ? "utf8" : "base64"), isBase64Encoded: !text };
};

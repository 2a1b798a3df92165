/**
 * HTTP requests a client can put on the wire, built from hostile text: the
 * starting point of every HTTP event source's property tests.
 */
import fc from "fast-check";
import { hostileText } from "./fuzz";
import type { HttpCase } from "./harness";

const tokenChars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A header name or method: an HTTP token. */
function token(maxLength = 16): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...tokenChars), minLength: 1, maxLength });
}

/**
 * A request a client can put on the wire: any method token, a path and query
 * percent-encoded from hostile text, header values as platforms decode them
 * (UTF-8, so `acmé` and `東京` appear), random binary or text bodies. The
 * malformed parts come from mutating the native event built from it.
 */
export function httpCases(): fc.Arbitrary<HttpCase> {
  const encode = (text: string): string => encodeURIComponent(text.toWellFormed());
  const segment = fc.oneof(hostileText(), fc.constantFrom("echo", "a b", "ü", "..", ""));
  const headerValue = fc.oneof(
    fc.string({ unit: fc.oneof(fc.constantFrom(...tokenChars, " ", "é", "東", "🚀", ",", ";", "=", '"')), maxLength: 24 }),
    fc.constantFrom("acmé", "東京"),
  );
  // Prototype-named headers come from event mutations, which add them as JSON would; harness helpers build plain objects.
  const headerName = fc.oneof(token(), fc.constantFrom("Host", "Cookie", "Content-Type", "X-Forwarded-Proto"));
  return fc.record({
    method: fc.oneof(fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"), token(8)),
    path: fc.array(segment, { maxLength: 4 }).map((segments) => `/${segments.map((text) => encode(text.length > 2048 ? text.slice(0, 2048) : text)).join("/")}`),
    query: fc.option(
      fc.array(fc.tuple(segment, segment), { maxLength: 4 }).map((pairs) => pairs.map(([key, value]) => `${encode(key.slice(0, 512))}=${encode(value.slice(0, 512))}`).join("&")),
      {
        nil: undefined,
      },
    ),
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }),
    body: fc.option(
      fc.oneof(
        fc.uint8Array({ maxLength: 2048 }),
        fc.string({ maxLength: 256 }).map((text) => new TextEncoder().encode(text)),
      ),
      { nil: undefined },
    ),
  });
}

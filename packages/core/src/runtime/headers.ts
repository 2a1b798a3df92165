/**
 * Header maps for the JSON answers of Lambda, FC and SCF. Every name becomes
 * an own property: a header named `constructor` or `__proto__` is neither
 * mangled by what `Object.prototype` holds under that name nor dropped.
 */

/**
 * One string per name; repeated names joined with ", ", which HTTP defines
 * a repeated field to mean (RFC 9110 §5.3). `Set-Cookie` must not be joined:
 * pass it apart.
 *
 * @example
 * joinedHeaderRecord([["vary", "a"], ["vary", "b"]]); // { vary: "a, b" }
 */
export function joinedHeaderRecord(pairs: readonly (readonly [string, string])[]): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of pairs) {
    // An own property is read and written as such, even named `__proto__`; only creating that one needs defineProperty.
    if (Object.hasOwn(joined, name)) joined[name] = `${joined[name]}, ${value}`;
    else ownProperty(joined, name, value);
  }
  return joined;
}

/**
 * Every value per name, in order, for answers with a multi-value map;
 * `cookies` become the `set-cookie` list.
 *
 * @example
 * groupedHeaderRecord([["vary", "a"]], ["a=1", "b=2"]); // { vary: ["a"], "set-cookie": ["a=1", "b=2"] }
 */
export function groupedHeaderRecord(pairs: readonly (readonly [string, string])[], cookies: readonly string[] = []): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    if (Object.hasOwn(grouped, name)) grouped[name]!.push(value);
    else ownProperty(grouped, name, [value]);
  }
  if (cookies.length > 0) ownProperty(grouped, "set-cookie", [...cookies]);
  return grouped;
}

/** Sets a property that is not there yet as an own one, even one named `__proto__`. */
function ownProperty<T>(record: Record<string, T>, name: string, value: T): void {
  if (name === "__proto__") Object.defineProperty(record, name, { value, writable: true, enumerable: true, configurable: true });
  else record[name] = value;
}

/** A character no HTTP field value may hold: controls other than HTAB, DEL (RFC 9110 §5.5), CR, LF and NUL among them. */
const controlCharacter = /[\u0000-\u0008\u000A-\u001F\u007F]/;

/**
 * The first header value that HTTP does not allow, among pairs and bare
 * values (cookies, or a `Headers`' `values()`), or `undefined`. The Fetch API refuses only CR, LF and NUL; a value with
 * another control character passes `Headers` but no strict client reads it
 * (Node's refuses the whole answer), so faasport answers a 500 instead.
 *
 * @example
 * invalidHeaderValue([["x-a", "b\u001bc"]], []); // "b\u001bc"
 */
export function invalidHeaderValue(pairs: Iterable<readonly [string, string]>, values: Iterable<string> = []): string | undefined {
  for (const [, value] of pairs) if (controlCharacter.test(value)) return value;
  for (const value of values) if (controlCharacter.test(value)) return value;
  return undefined;
}

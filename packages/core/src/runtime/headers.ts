/**
 * Header maps for the JSON answers of Lambda, FC and SCF. Built through a
 * `Map` and `Object.fromEntries`, so every name becomes an own property: a
 * header named `constructor` or `__proto__` is neither mangled by what
 * `Object.prototype` holds under that name nor dropped.
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
  const joined = new Map<string, string>();
  for (const [name, value] of pairs) {
    const earlier = joined.get(name);
    joined.set(name, earlier === undefined ? value : `${earlier}, ${value}`);
  }
  return Object.fromEntries(joined);
}

/**
 * Every value per name, in order, for answers with a multi-value map;
 * `cookies` become the `set-cookie` list.
 *
 * @example
 * groupedHeaderRecord([["vary", "a"]], ["a=1", "b=2"]); // { vary: ["a"], "set-cookie": ["a=1", "b=2"] }
 */
export function groupedHeaderRecord(pairs: readonly (readonly [string, string])[], cookies: readonly string[] = []): Record<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  if (cookies.length > 0) grouped.set("set-cookie", [...cookies]);
  return Object.fromEntries(grouped);
}

/**
 * A `Response` that keeps its body and init as given until something needs
 * a stream. In Node, undici builds a web `ReadableStream` for every
 * `Response` at construction, which costs more than a whole raw Lambda
 * handler; an adapter that only needs the status, the headers and the bytes
 * can read them straight from this stand-in. `instanceof Response` holds, and
 * anything beyond the fast path (`body`, `blob`, `formData`, streams, Blobs)
 * builds the real `Response` once and delegates. The idea is
 * @hono/node-server's; this code is ours.
 */

/** A body the stand-in can hold without undici. */
type FastBody = string | ArrayBuffer | ArrayBufferView | null;

const kBody = Symbol("faasport.responseBody");
const kInit = Symbol("faasport.responseInit");
const kReal = Symbol("faasport.realResponse");
const kHeaders = Symbol("faasport.responseHeaders");
const kUsed = Symbol("faasport.responseUsed");

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);
/** The init of a `Response.json(data)` and of a Response made without one: shared, never changed, and known to `readLightResponse`. */
const jsonType: Readonly<Record<string, string>> = Object.freeze({ "content-type": "application/json" });
const jsonInit: ResponseInit = Object.freeze({ headers: jsonType });
const noInit: ResponseInit = Object.freeze({});

let RealResponse: typeof Response | undefined;
let loadRealResponse: () => typeof Response = () => globalThis.Response;

/** The platform's own `Response` class (loads undici in Node on first use). */
export function realResponseClass(): typeof Response {
  if (!RealResponse) {
    RealResponse = loadRealResponse();
    Object.setPrototypeOf(LightResponse.prototype, RealResponse.prototype);
  }
  return RealResponse;
}

function isFastBody(body: unknown): body is FastBody {
  return body === null || typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body);
}

class LightResponse {
  // Declared, then set in the constructor: class field initialisers cost a call per instance, on every response.
  declare [kBody]: FastBody;
  declare [kInit]: ResponseInit;
  declare [kReal]: Response | undefined;
  declare [kHeaders]: Headers | undefined;
  declare [kUsed]: boolean;

  constructor(body?: BodyInit | null, init: ResponseInit = noInit) {
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
    const given = body ?? null;
    if (given !== null && nullBodyStatuses.has(status)) throw new TypeError(`Response constructor: Invalid response status code ${status}`);
    this[kInit] = init;
    this[kReal] = undefined;
    this[kHeaders] = undefined;
    this[kUsed] = false;
    if (isFastBody(given)) this[kBody] = given;
    else {
      this[kBody] = null;
      // Streams, Blobs, forms: exact semantics matter more than speed, so build the real one now.
      this[kReal] = new (realResponseClass())(given, init);
    }
  }

  static json(data: unknown, init?: ResponseInit): Response {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError("Value is not JSON serializable");
    return new LightResponse(text, init === undefined ? jsonInit : { ...init, headers: withJsonType(init.headers) }) as unknown as Response;
  }

  static redirect(url: string | URL, status?: number): Response {
    return realResponseClass().redirect(url, status);
  }

  static error(): Response {
    return realResponseClass().error();
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    if (kInit in value) return true;
    // A real one (from fetch, say) is checked against the platform's class, which this loads if need be.
    return Function.prototype[Symbol.hasInstance].call(realResponseClass(), value);
  }

  get status(): number {
    return this[kReal]?.status ?? this[kInit].status ?? 200;
  }

  get statusText(): string {
    return this[kReal]?.statusText ?? this[kInit].statusText ?? "";
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get headers(): Headers {
    if (this[kReal]) return this[kReal].headers;
    return (this[kHeaders] ??= buildHeaders(this[kBody], this[kInit].headers));
  }

  get bodyUsed(): boolean {
    return this[kReal] ? this[kReal].bodyUsed : this[kUsed];
  }

  get type(): ResponseType {
    return this[kReal]?.type ?? "default";
  }

  get url(): string {
    return this[kReal]?.url ?? "";
  }

  get redirected(): boolean {
    return this[kReal]?.redirected ?? false;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return real(this).body;
  }

  async text(): Promise<string> {
    if (this[kReal]) return this[kReal].text();
    const body = take(this);
    return typeof body === "string" ? body : decoder.decode(body);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this[kReal]) return this[kReal].arrayBuffer();
    const bytes = bytesOf(take(this));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async blob(): Promise<Blob> {
    return real(this).blob();
  }

  async formData(): Promise<FormData> {
    return real(this).formData();
  }

  clone(): Response {
    if (this[kReal]) return this[kReal].clone();
    if (this[kUsed]) throw new TypeError("Response.clone: Body has already been consumed.");
    const body = this[kBody];
    const copy = typeof body === "string" || body === null ? body : bytesOf(body).slice();
    return new LightResponse(copy, { ...this[kInit], headers: this.headers }) as unknown as Response;
  }
}
Object.defineProperty(LightResponse.prototype, Symbol.toStringTag, { value: "Response", configurable: true });

/** Duck-typed, because touching the global `Headers` would load undici. */
function isHeaders(value: unknown): value is Headers {
  return typeof value === "object" && value !== null && typeof (value as Headers).getSetCookie === "function" && typeof (value as Headers).get === "function";
}

/** Adds `content-type: application/json` unless set, without building a `Headers` for the common plain-object case. */
function withJsonType(headers: HeadersInit | undefined): HeadersInit {
  if (headers === undefined) return jsonType;
  if (!Array.isArray(headers) && !isHeaders(headers)) {
    const record = headers;
    return Object.keys(record).some((name) => name.toLowerCase() === "content-type") ? record : { ...record, "content-type": "application/json" };
  }
  const built = new Headers(headers);
  if (!built.has("content-type")) built.set("content-type", "application/json");
  return built;
}

function take(response: LightResponse): string | Uint8Array {
  if (response[kUsed]) throw new TypeError("Body is unusable: Body has already been read");
  response[kUsed] = true;
  const body = response[kBody];
  return body === null ? "" : typeof body === "string" ? body : bytesOf(body);
}

function bytesOf(body: string | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

function real(response: LightResponse): Response {
  if (!response[kReal]) {
    const body = response[kBody];
    const init: ResponseInit = { ...response[kInit] };
    if (response[kHeaders]) init.headers = response[kHeaders];
    response[kReal] = new (realResponseClass())(body === null ? null : typeof body === "string" ? body : bytesOf(body).slice(), init);
  }
  return response[kReal];
}

function buildHeaders(body: FastBody, init: HeadersInit | undefined): Headers {
  const headers = new Headers(init);
  if (typeof body === "string" && !headers.has("content-type")) headers.set("content-type", "text/plain;charset=UTF-8");
  return headers;
}

/** What an adapter needs of a response, read without undici when the response is a stand-in. */
export interface ResponseParts {
  readonly status: number;
  /** Lower-case names, `set-cookie` excluded. */
  readonly headers: [string, string][];
  readonly cookies: string[];
  /** The body as given, or `null`; `undefined` when it is a stream (use the `Response`). */
  readonly body: string | Uint8Array | null;
}

const tokenName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const unsafeValue = /[\r\n\0]/;

/**
 * Reads a stand-in's status, headers and body as given, or `undefined` when
 * the response is a real one, was turned into one, or has headers the Fetch
 * API would refuse (so the slow path reports them exactly as undici does).
 */
export function readLightResponse(response: Response): ResponseParts | undefined {
  const light = response as unknown as LightResponse;
  if (!(kInit in light) || light[kReal] || light[kUsed]) return undefined;
  const body = light[kBody];
  const status = light[kInit].status ?? 200;
  const bytes = body === null || typeof body === "string" ? body : bytesOf(body);
  if (light[kHeaders]) return { status, ...fromHeaders(light[kHeaders]), body: bytes };
  const init = light[kInit].headers;
  if (init === jsonType) return { status, headers: [["content-type", "application/json"]], cookies: [], body: bytes };
  if (isHeaders(init)) return { status, ...fromHeaders(init, body), body: bytes };
  const headers: [string, string][] = [];
  const cookies: string[] = [];
  let hasType = false;
  const add = (name: unknown, raw: unknown): boolean => {
    if (typeof name !== "string" || typeof raw !== "string" || !tokenName.test(name) || unsafeValue.test(raw)) return false;
    const lower = name.toLowerCase();
    const value = raw.trim();
    if (lower === "set-cookie") cookies.push(value);
    else {
      if (lower === "content-type") hasType = true;
      headers.push([lower, value]);
    }
    return true;
  };
  if (Array.isArray(init)) {
    for (const pair of init as unknown[]) if (!Array.isArray(pair) || pair.length !== 2 || !add(pair[0], pair[1])) return undefined;
  } else if (init !== undefined) {
    const record = init as Record<string, unknown>;
    for (const name of Object.keys(record)) if (!add(name, record[name])) return undefined;
  }
  if (typeof body === "string" && !hasType) headers.push(["content-type", "text/plain;charset=UTF-8"]);
  return { status, headers: mergeRepeated(headers), cookies, body: bytes };
}

function fromHeaders(source: Headers, body?: FastBody): { headers: [string, string][]; cookies: string[] } {
  const headers: [string, string][] = [];
  for (const [name, value] of source) if (name !== "set-cookie") headers.push([name, value]);
  if (typeof body === "string" && !source.has("content-type")) headers.push(["content-type", "text/plain;charset=UTF-8"]);
  return { headers, cookies: source.getSetCookie() };
}

/** `Headers` joins a repeated name with ", "; the fast path must give the same pairs. A response has few headers: a scan beats a `Map`. */
function mergeRepeated(pairs: [string, string][]): [string, string][] {
  if (pairs.length < 2) return pairs;
  const out: [string, string][] = [];
  next: for (const [name, value] of pairs) {
    for (const pair of out) {
      if (pair[0] === name) {
        pair[1] += `, ${value}`;
        continue next;
      }
    }
    out.push([name, value]);
  }
  return out;
}

/** Tells the stand-in how to load the platform's class without touching the global (which it replaces). */
export function setResponseLoader(loader: () => typeof Response, loaded: boolean): void {
  loadRealResponse = loader;
  if (loaded) realResponseClass();
}

/** Whether a value is the stand-in (not yet turned into a real `Response`). */
export function isLightResponse(value: unknown): boolean {
  return typeof value === "object" && value !== null && kInit in value;
}

/** The stand-in class itself, typed as the Fetch `Response` it stands in for. */
export const LightResponseClass: typeof Response = LightResponse as unknown as typeof Response;

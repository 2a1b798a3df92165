/**
 * A `Request` that costs almost nothing until the app looks at it.
 *
 * Building a real `Request` costs several µs in Node (undici validates every
 * header and the URL), far more than a whole raw Lambda handler. Most
 * handlers read a method, a URL and a header or two, so the adapter hands
 * the app this stand-in: `instanceof Request` holds, `headers` is a real
 * `Headers` made on first access, and the body methods read the bytes the
 * event already carries. Anything else builds the real `Request` once and
 * delegates to it. The idea is @hono/node-server's; this code is ours.
 */

/** Header pairs as the platform delivered them; repeated names stay repeated. */
export type HeaderPairs = readonly (readonly [string, string])[];

/** A platform's header map: one value per name, or every value of each name in order. */
export type HeaderMap = Readonly<Record<string, string | readonly string[]>>;

/** What an adapter knows of an incoming request. */
export interface RequestParts {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  /**
   * Pairs, or a platform's header map as delivered: one string per name, or a
   * list per name (multi-value maps); entries that are neither are left out.
   */
  readonly headers: HeaderPairs | HeaderMap;
  /** The whole body, already in memory, or a stream (Node adapter), or null. */
  readonly body: Uint8Array | string | ReadableStream<Uint8Array> | null;
  readonly signal?: AbortSignal | undefined;
}

const kInit = Symbol("faasport.requestInit");
const kReal = Symbol("faasport.realRequest");
const kHeaders = Symbol("faasport.headers");
const kUsed = Symbol("faasport.bodyUsed");

const encoder = new TextEncoder();
const decoder = new TextDecoder();

class LazyRequest {
  // Declared, then set in the constructor: class field initialisers cost a call per instance, on every request.
  declare [kInit]: RequestParts;
  declare [kReal]: Request | undefined;
  declare [kHeaders]: Headers | undefined;
  declare [kUsed]: boolean;

  constructor(init: RequestParts) {
    this[kInit] = init;
    this[kReal] = undefined;
    this[kHeaders] = undefined;
    this[kUsed] = false;
  }

  get method(): string {
    return this[kInit].method;
  }

  get url(): string {
    return this[kInit].url;
  }

  get headers(): Headers {
    if (this[kReal]) return this[kReal].headers;
    return (this[kHeaders] ??= buildHeaders(this[kInit].headers));
  }

  get bodyUsed(): boolean {
    return this[kReal] ? this[kReal].bodyUsed : this[kUsed];
  }

  async text(): Promise<string> {
    const body = this.#takeMemoryBody();
    if (body === undefined) return realRequest(this).text();
    return typeof body === "string" ? body : decoder.decode(body);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.#takeMemoryBody();
    if (body === undefined) return realRequest(this).arrayBuffer();
    const bytes = typeof body === "string" ? encoder.encode(body) : body;
    // The body is read once, so bytes that own their whole buffer can be handed over without a copy.
    if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.arrayBuffer());
  }

  /** The body when it is in memory and unread; marks it read. `undefined`: go through the real Request. */
  #takeMemoryBody(): Uint8Array | string | undefined {
    if (this[kReal]) return undefined;
    const { body } = this[kInit];
    if (body !== null && typeof body !== "string" && !(body instanceof Uint8Array)) return undefined;
    if (this[kUsed]) throw new TypeError("Body is unusable: Body has already been read");
    this[kUsed] = true;
    return body ?? "";
  }
}

/** Everything else a Request has: delegate to the real one, built on first use. */
const delegated = [
  "body",
  "signal",
  "cache",
  "credentials",
  "destination",
  "integrity",
  "keepalive",
  "mode",
  "redirect",
  "referrer",
  "referrerPolicy",
  "duplex",
  "isReloadNavigation",
  "isHistoryNavigation",
];
for (const name of delegated) {
  Object.defineProperty(LazyRequest.prototype, name, {
    get(this: LazyRequest) {
      return (realRequest(this) as unknown as Record<string, unknown>)[name];
    },
    configurable: true,
  });
}
for (const name of ["blob", "formData", "clone"]) {
  Object.defineProperty(LazyRequest.prototype, name, {
    value(this: LazyRequest) {
      const real = realRequest(this) as unknown as Record<string, () => unknown>;
      return real[name]!.call(real);
    },
    configurable: true,
    writable: true,
  });
}
Object.defineProperty(LazyRequest.prototype, Symbol.toStringTag, { value: "Request", configurable: true });

let RealRequest: typeof Request | undefined;
let loadRealRequest: () => typeof Request = () => globalThis.Request;
let linked: boolean | undefined;
let deferLink = false;

/**
 * The platform's own `Request` class, linked to the stand-in on first use
 * (not at import: the first touch of `Request` loads undici, ~18–50 ms, which
 * a cold start should only pay when something needs it). undici reads a
 * Request's state through internal symbols; borrowing them makes
 * `new Request(lazy)` and `fetch(lazy)` work. If this runtime's `Request`
 * keeps its state some other way, laziness is switched off.
 */
export function realRequestClass(): typeof Request {
  if (RealRequest) return RealRequest;
  const Real = loadRealRequest();
  RealRequest = Real;
  Object.setPrototypeOf(LazyRequest.prototype, Real.prototype);
  const sample = new Real("http://localhost/");
  for (const symbol of Object.getOwnPropertySymbols(sample)) {
    Object.defineProperty(LazyRequest.prototype, symbol, {
      get(this: LazyRequest) {
        return (realRequest(this) as unknown as Record<symbol, unknown>)[symbol];
      },
      configurable: true,
    });
  }
  try {
    const probe = new LazyRequest({ method: "POST", url: "http://localhost/probe", headers: [["x-probe", "1"]], body: "probe" }) as unknown as Request;
    const copy = new Real(probe);
    linked = copy.headers.get("x-probe") === "1" && copy.method === "POST";
  } catch {
    linked = false;
  }
  return Real;
}

/**
 * Tells the stand-in how to load the platform's class without touching the
 * global, and defers linking until something asks for `Request` (the global
 * getter installed by `installFastFetch` calls {@link realRequestClass}).
 */
export function setRequestLoader(loader: () => typeof Request, loaded: boolean): void {
  loadRealRequest = loader;
  deferLink = !loaded;
  if (loaded) realRequestClass();
}

/** Whether the stand-in may be handed out: always while linking is deferred, else once the probe passed. */
function lazyAllowed(): boolean {
  if (linked !== undefined) return linked;
  if (deferLink) return true;
  realRequestClass();
  return linked === true;
}

function realRequest(lazy: LazyRequest): Request {
  if (lazy[kReal]) return lazy[kReal];
  const real = buildRealRequest(lazy[kInit], lazy[kHeaders]);
  lazy[kReal] = real;
  return real;
}

function buildRealRequest(init: RequestParts, headers?: Headers): Request {
  const method = init.method;
  const hasBody = init.body !== null && method !== "GET" && method !== "HEAD";
  const requestInit: globalThis.RequestInit & { duplex?: "half" } = { method, headers: headers ?? buildHeaders(init.headers) };
  if (hasBody) {
    requestInit.body = init.body as BodyInit;
    requestInit.duplex = "half";
  }
  if (init.signal) requestInit.signal = init.signal;
  return new (realRequestClass())(init.url, requestInit);
}

function buildHeaders(source: HeaderPairs | HeaderMap): Headers {
  const headers = new Headers();
  if (isHeaderPairs(source)) {
    for (const [name, value] of source) appendHeader(headers, name, value);
  } else {
    // A platform's map may hold what is not a header value (a hostile event): only strings are.
    for (const name of Object.keys(source)) {
      const value: unknown = source[name];
      if (typeof value === "string") appendHeader(headers, name, value);
      else if (Array.isArray(value)) for (const item of value as unknown[]) if (typeof item === "string") appendHeader(headers, name, item);
    }
  }
  return headers;
}

function isHeaderPairs(source: HeaderPairs | HeaderMap): source is HeaderPairs {
  return Array.isArray(source);
}

/**
 * A header value a platform delivered may hold what `Headers` refuses. A
 * character past U+00FF (the platform decoded the client's UTF-8) goes in as
 * its UTF-8 bytes, one character each, which is how Node hands such a header
 * over; a bare CR, LF or NUL, or an invalid name, is dropped rather than fail
 * the request (the raw event still has it).
 */
function appendHeader(headers: Headers, name: string, value: string): void {
  try {
    headers.append(name, value);
  } catch {
    if (!/[^\u0000-\u00ff]/.test(value)) return;
    try {
      headers.append(name, String.fromCharCode(...encoder.encode(value)));
    } catch {
      // Still not a header value (a CR as well, say): dropped.
    }
  }
}

/**
 * Builds the `Request` the app receives. Lazy where the runtime allows it,
 * a real `Request` otherwise; either way `request instanceof Request`.
 *
 * @example
 * const request = createRequest({ method: "GET", url: "https://example.com/a?b=1", headers: [["accept", "*\/*"]], body: null });
 */
export function createRequest(init: RequestParts): Request {
  if (lazyAllowed()) return new LazyRequest(init) as unknown as Request;
  return buildRealRequest(init);
}

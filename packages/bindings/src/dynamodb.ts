/**
 * DynamoDB KV (AWS SDK v3). One item per key in a table whose partition key
 * is a string; expiry is stored in a TTL attribute (enable TTL on it so
 * DynamoDB deletes expired items) and enforced on every read, since TTL
 * deletion lags by up to days. Compare-and-set is a conditional write.
 * `list` is a filtered scan: unordered, and it reads the whole table.
 *
 * @module
 */
import { type AtomicKV, ConfigurationError, ConflictError, type KVListOptions, type KVListResult, type KVPutOptions, type KVValue, type VersionedValue } from "@faasport/core";
import { decodeCursor, decodeKVValue, encodeCursor, encodeKVValue, type KVValueType, resolveExpiration, resolveListLimit, validateKey } from "@faasport/core/runtime";
import { byteLength, checkSize, isConnectionError, loadPeer, providerError } from "./_utils";
import type * as Dynamo from "@aws-sdk/client-dynamodb";

/** The driver's name, in errors and URLs (`dynamodb://`). */
export const DYNAMODB_DRIVER = "dynamodb";

/** The part of a `DynamoDBClient` the driver uses; pass your own (endpoint, credentials) or let the driver make one. */
export interface DynamoDBClientLike {
  send(command: never): Promise<unknown>;
}

/** Options for {@link createDynamoDBKV}. */
export interface DynamoDBKVOptions {
  readonly table: string;
  /** A `DynamoDBClient`; absent, one is made with `region` and `endpoint` and the default credential chain. */
  readonly client?: DynamoDBClientLike;
  readonly region?: string;
  /** An endpoint other than AWS's (DynamoDB Local, dynalite). */
  readonly endpoint?: string;
  /** Prepended to every key, so several bindings can share a table. Default none. */
  readonly prefix?: string;
  /** The table's partition key attribute (a string). Default `pk`. */
  readonly keyAttribute?: string;
  /** The attribute holding the expiry in epoch seconds; name it as the table's TTL attribute. Default `expires_at`. */
  readonly ttlAttribute?: string;
  /** The clock, epoch ms; injectable so tests expire keys without waiting. */
  readonly now?: () => number;
}

/** DynamoDB's documented limits: items of 400 KB including attribute names, partition keys of 2,048 bytes. */
export const DYNAMODB_LIMITS: { readonly itemBytes: number; readonly keyBytes: number; readonly metadataBytes: number; readonly valueBytes: number } = {
  itemBytes: 400 * 1024,
  keyBytes: 2048,
  // Metadata is capped as on Cloudflare KV, so the room left for the value does not depend on it.
  metadataBytes: 1024,
  // What is left of an item for the value once the longest key, the largest metadata, attribute names, version and expiry (≤ 128 bytes) are counted.
  valueBytes: 400 * 1024 - 2048 - 1024 - 128,
};
const source = "DynamoDB items are at most 400 KB: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html";
const throttles = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "LimitExceededException",
]);

type Attribute = Dynamo.AttributeValue;
type Item = Record<string, Dynamo.AttributeValue>;

/**
 * Creates a DynamoDB KV. The SDK (`@aws-sdk/client-dynamodb`, an optional peer dependency) loads on first use.
 *
 * @example
 * const kv = createDynamoDBKV({ table: "todos", region: "eu-west-1" });
 */
export function createDynamoDBKV(options: DynamoDBKVOptions): AtomicKV {
  const prefix = options.prefix ?? "";
  const pk = options.keyAttribute ?? "pk";
  const ttl = options.ttlAttribute ?? "expires_at";
  const now = options.now ?? Date.now;
  let sdk: Promise<typeof Dynamo> | undefined;
  let made: DynamoDBClientLike | undefined;
  const load = () => (sdk ??= loadPeer<typeof Dynamo>(DYNAMODB_DRIVER, "@aws-sdk/client-dynamodb"));
  const send = async <T>(action: string, build: (module: typeof Dynamo) => unknown): Promise<T> => {
    const module = await load();
    const client =
      options.client ??
      (made ??= new module.DynamoDBClient({ ...(options.region ? { region: options.region } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}) }));
    try {
      return (await client.send(build(module) as never)) as T;
    } catch (cause) {
      if ((cause as Error)?.name === "ConditionalCheckFailedException") throw cause;
      const fault = cause as { name?: string; $fault?: string; $retryable?: unknown };
      throw providerError(
        DYNAMODB_DRIVER,
        `${action} on table ${options.table}`,
        cause,
        fault.$fault === "server" || Boolean(fault.$retryable) || throttles.has(fault.name ?? "") || isConnectionError(cause),
      );
    }
  };
  const nowSeconds = (): Attribute => ({ N: String(now() / 1000) });
  const alive = (item: Item): boolean => item[ttl]?.N === undefined || Number(item[ttl].N) * 1000 > now();
  const fullKey = (key: string): string => {
    validateKey(key);
    checkSize(DYNAMODB_DRIVER, "a key", byteLength(prefix + key), DYNAMODB_LIMITS.keyBytes, "partition keys are at most 2,048 bytes");
    return prefix + key;
  };
  const read = async (key: string): Promise<Item | undefined> => {
    const { Item: item } = await send<{ Item?: Item }>("get", (m) => new m.GetItemCommand({ TableName: options.table, Key: { [pk]: { S: fullKey(key) } }, ConsistentRead: true }));
    return item && alive(item) ? item : undefined;
  };
  const write = async (
    key: string,
    value: KVValue,
    putOptions: KVPutOptions | undefined,
    condition?: { expression: string; names: Record<string, string>; values: Record<string, Attribute> },
  ): Promise<string> => {
    const name = fullKey(key);
    const expiration = resolveExpiration(putOptions, now());
    const bytes = await encodeKVValue(value);
    const metadata = putOptions?.metadata === undefined ? undefined : JSON.stringify(putOptions.metadata);
    if (metadata !== undefined)
      checkSize(DYNAMODB_DRIVER, "metadata", byteLength(metadata), DYNAMODB_LIMITS.metadataBytes, "metadata is capped at 1,024 bytes, as on Cloudflare KV");
    checkSize(DYNAMODB_DRIVER, "a value", bytes.byteLength, DYNAMODB_LIMITS.valueBytes, source);
    const version = crypto.randomUUID();
    const item: Item = { [pk]: { S: name }, value: { B: bytes }, version: { S: version } };
    if (metadata !== undefined) item["metadata"] = { S: metadata };
    if (expiration !== undefined) item[ttl] = { N: String(expiration) };
    await send(condition ? "compareAndSet" : "put", (m) =>
      condition
        ? new m.PutItemCommand({
            TableName: options.table,
            Item: item,
            ConditionExpression: condition.expression,
            ExpressionAttributeNames: condition.names,
            ExpressionAttributeValues: condition.values,
          })
        : new m.PutItemCommand({ TableName: options.table, Item: item }),
    ).catch((cause: unknown) => {
      throw (cause as Error)?.name === "ConditionalCheckFailedException" ? new ConflictError(key, { cause }) : cause;
    });
    return version;
  };
  const metadataOf = (item: Item): unknown => (item["metadata"]?.S === undefined ? null : JSON.parse(item["metadata"].S));

  const kv = {
    capabilities: { compareAndSet: true as const },
    async get(key: string, type?: KVValueType): Promise<unknown> {
      const item = await read(key);
      return item ? decodeKVValue(item["value"]?.B ?? new Uint8Array(), type) : null;
    },
    async getWithMetadata(key: string, type?: KVValueType): Promise<{ value: unknown; metadata: unknown }> {
      const item = await read(key);
      return item ? { value: decodeKVValue(item["value"]?.B ?? new Uint8Array(), type), metadata: metadataOf(item) } : { value: null, metadata: null };
    },
    async put(key: string, value: KVValue, putOptions?: KVPutOptions): Promise<void> {
      await write(key, value, putOptions);
    },
    async delete(key: string): Promise<void> {
      const name = fullKey(key);
      await send("delete", (m) => new m.DeleteItemCommand({ TableName: options.table, Key: { [pk]: { S: name } } }));
    },
    async list(listOptions: KVListOptions = {}): Promise<KVListResult> {
      const limit = resolveListLimit(listOptions.limit);
      const wanted = prefix + (listOptions.prefix ?? "");
      const found: { name: string; expiration?: number; metadata?: unknown }[] = [];
      let start: string | undefined = listOptions.cursor ? decodeCursor(listOptions.cursor) : undefined;
      // Scan until one more key than asked is found (so a full last page is told from a partial one), resuming after the last key returned.
      for (;;) {
        const page = await send<{ Items?: Item[]; LastEvaluatedKey?: Item }>(
          "list",
          (m) =>
            new m.ScanCommand({
              TableName: options.table,
              ProjectionExpression: "#k, #m, #e",
              FilterExpression: `${wanted ? "begins_with(#k, :prefix) AND " : ""}(attribute_not_exists(#e) OR #e > :now)`,
              ExpressionAttributeNames: { "#k": pk, "#m": "metadata", "#e": ttl },
              ExpressionAttributeValues: { ":now": nowSeconds(), ...(wanted ? { ":prefix": { S: wanted } } : {}) },
              ...(start === undefined ? {} : { ExclusiveStartKey: { [pk]: { S: start } } }),
            }),
        );
        for (const item of page.Items ?? []) {
          const expiration = item[ttl]?.N;
          found.push({
            name: item[pk]!.S!.slice(prefix.length),
            ...(expiration ? { expiration: Number(expiration) } : {}),
            ...(item["metadata"] ? { metadata: metadataOf(item) } : {}),
          });
        }
        if (found.length > limit || !page.LastEvaluatedKey) break;
        start = page.LastEvaluatedKey[pk]?.S;
      }
      const keys = found.slice(0, limit);
      return found.length > limit ? { keys, list_complete: false, cursor: encodeCursor(prefix + keys[keys.length - 1]!.name) } : { keys, list_complete: true };
    },
    async getVersioned(key: string): Promise<VersionedValue> {
      const item = await read(key);
      return item ? { value: new Uint8Array(item["value"]?.B ?? new Uint8Array()), version: item["version"]?.S ?? null } : { value: null, version: null };
    },
    async compareAndSet(key: string, value: KVValue, expected: string | null, putOptions?: KVPutOptions): Promise<string> {
      // An expired item that DynamoDB has not deleted yet counts as absent.
      const condition =
        expected === null
          ? { expression: "attribute_not_exists(#k) OR #e <= :now", names: { "#k": pk, "#e": ttl }, values: { ":now": nowSeconds() } }
          : {
              expression: "#v = :expected AND (attribute_not_exists(#e) OR #e > :now)",
              names: { "#v": "version", "#e": ttl },
              values: { ":now": nowSeconds(), ":expected": { S: expected } },
            };
      return write(key, value, putOptions, condition);
    },
  };
  return kv as AtomicKV;
}

/**
 * Builds the driver from `dynamodb://<table>[?region=…&endpoint=…&prefix=…&keyAttribute=…&ttlAttribute=…]`.
 *
 * @example
 * const kv = dynamoDBKVFromUrl(new URL("dynamodb://todos?region=eu-west-1"));
 */
export function dynamoDBKVFromUrl(url: URL): AtomicKV {
  const table = decodeURIComponent(url.host);
  if (table.length < 3) throw new ConfigurationError(`[dynamodb] ${url.href} names no table (3 to 255 characters): use dynamodb://<table>?region=<region>`);
  const param = (name: string): { [key: string]: string } => {
    const value = url.searchParams.get(name);
    return value === null ? {} : { [name]: value };
  };
  return createDynamoDBKV({ table, ...param("region"), ...param("endpoint"), ...param("prefix"), ...param("keyAttribute"), ...param("ttlAttribute") });
}

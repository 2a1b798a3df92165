import { CreateTableCommand, DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { keyOfBytes, runKVSuite } from "@faasport/contract";
import { type AtomicKV, isFaasportError, type ProviderError } from "@faasport/core";
import dynalite from "dynalite";
import type { Server } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDynamoDBKV, DYNAMODB_LIMITS, dynamoDBKVFromUrl } from "../src/dynamodb";
import { freePort } from "./_servers";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
let server: Server;
let endpoint: string;
let client: DynamoDBClient;
let clock = Date.now();

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials });
  for (const table of ["todos", "Shared_Table.v2"]) {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
});
afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const raw = async (key: string) => (await client.send(new GetItemCommand({ TableName: "todos", Key: { pk: { S: key } } }))).Item;

runKVSuite({
  name: "dynamodb (dynalite)",
  create: () => createDynamoDBKV({ table: "todos", client, now: () => clock }),
  limits: { maxValueBytes: DYNAMODB_LIMITS.valueBytes, maxKeyBytes: 2048, maxMetadataBytes: 1024, listOrder: "unordered" },
  compareAndSet: true,
  clock: { now: () => clock, advance: (seconds) => void (clock += seconds * 1000) },
  extra: (kv) => {
    it("fits the longest key, the largest metadata and the largest value in one 400 KB item, as the emulator checks", async () => {
      const key = keyOfBytes(2048);
      const metadata = { pad: "m".repeat(1014) };
      await kv().put(key, new Uint8Array(DYNAMODB_LIMITS.valueBytes), { metadata, expirationTtl: 3600 });
      expect((await kv().get(key, "arrayBuffer"))?.byteLength).toBe(DYNAMODB_LIMITS.valueBytes);
      const overMetadata = await kv()
        .put("k", "v", { metadata: { pad: `${metadata.pad}m` } })
        .catch((error: unknown) => error);
      expect(isFaasportError(overMetadata, "INVALID_ARGUMENT")).toBe(true);
    });

    it("writes the TTL attribute for DynamoDB, and hides expired items it has not deleted yet (also to compare-and-set)", async () => {
      await kv().put("soon", "v", { expirationTtl: 10 });
      expect(Number((await raw("soon"))?.["expires_at"]?.N)).toBe(Math.floor(clock / 1000 + 10));
      clock += 11_000;
      expect(await raw("soon")).toBeDefined();
      expect(await kv().get("soon")).toBeNull();
      await (kv() as AtomicKV).compareAndSet("soon", "again", null);
      expect(await kv().get("soon")).toBe("again");
    });
  },
});

it("builds from a URL (mixed-case table, region, endpoint, key prefix) with the default credential chain", async () => {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  const kv = dynamoDBKVFromUrl(new URL(`dynamodb://Shared_Table.v2?region=us-east-1&endpoint=${encodeURIComponent(endpoint)}&prefix=app1:`));
  await kv.put("k", "v");
  expect(await kv.get("k")).toBe("v");
  expect((await kv.list()).keys.map((key) => key.name)).toEqual(["k"]);
  const item = (await client.send(new GetItemCommand({ TableName: "Shared_Table.v2", Key: { pk: { S: "app1:k" } } }))).Item;
  expect(item?.["value"]?.B).toEqual(new TextEncoder().encode("v"));
});

it("reports a missing table as a ProviderError that is not retryable, and a refused connection as retryable", async () => {
  const missing = (await createDynamoDBKV({ table: "nope-table", client })
    .get("k")
    .catch((error: unknown) => error)) as ProviderError;
  expect([isFaasportError(missing, "PROVIDER"), missing.retryable, (missing.cause as Error).name]).toEqual([true, false, "ResourceNotFoundException"]);
  const closed = new DynamoDBClient({ endpoint: `http://127.0.0.1:${await freePort()}`, region: "us-east-1", credentials, maxAttempts: 1 });
  const refused = (await createDynamoDBKV({ table: "todos", client: closed })
    .get("k")
    .catch((error: unknown) => error)) as ProviderError;
  expect([isFaasportError(refused, "PROVIDER"), refused.retryable]).toEqual([true, true]);
  closed.destroy();
});

/**
 * Config schemas given to the framework through `configSchemaHandler`, so
 * `serverless.yml` is validated as it is for the built-in provider. The plugin
 * checks meaning (known bindings, cron syntax) itself, with clearer messages.
 */

const cron = { type: "string", pattern: "^\\S+(\\s+\\S+){4}$" };

const event = {
  anyOf: [
    { type: "object", properties: { http: { anyOf: [{ const: true }, { const: "*" }, { type: "object" }] } }, required: ["http"], additionalProperties: false },
    {
      type: "object",
      properties: {
        queue: {
          anyOf: [
            { type: "string" },
            {
              type: "object",
              properties: { binding: { type: "string" }, batchSize: { type: "integer", minimum: 1, maximum: 10 } },
              required: ["binding"],
              additionalProperties: false,
            },
          ],
        },
      },
      required: ["queue"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { schedule: { type: "object", properties: { name: { type: "string" }, cron }, required: ["cron"], additionalProperties: false } },
      required: ["schedule"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        storage: {
          anyOf: [
            { type: "string" },
            {
              type: "object",
              properties: {
                bucket: { type: "string" },
                events: { type: "array", items: { enum: ["created", "removed"] } },
                prefix: { type: "string" },
                suffix: { type: "string" },
              },
              required: ["bucket"],
              additionalProperties: false,
            },
          ],
        },
      },
      required: ["storage"],
      additionalProperties: false,
    },
  ],
};

/** `custom.faasport`: the neutral definitions. */
export const faasportSchema: object = {
  type: "object",
  properties: {
    functions: {
      type: "object",
      patternProperties: {
        "^[A-Za-z][A-Za-z0-9-_]*$": {
          type: "object",
          properties: {
            app: { type: "string" },
            memorySize: { type: "integer", minimum: 64 },
            timeout: { type: "integer", minimum: 1 },
            environment: { type: "object", additionalProperties: { type: "string" } },
            events: { type: "array", items: event },
          },
          required: ["app"],
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    bindings: {
      type: "object",
      additionalProperties: {
        type: "object",
        properties: { aws: { type: "string" }, aliyun: { type: "string" }, tencent: { type: "string" }, cloudflare: { type: "string" } },
        additionalProperties: false,
      },
    },
    compatibilityDate: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
  },
  required: ["functions"],
  additionalProperties: false,
};

/** `provider` for the aliyun, tencent and cloudflare providers. */
export const providerSchema: object = {
  properties: {
    region: { type: "string" },
    stage: { type: "string" },
    runtime: { type: "string" },
    memorySize: { type: "integer", minimum: 64 },
    timeout: { type: "integer", minimum: 1 },
    environment: { type: "object", additionalProperties: { type: "string" } },
    /** RAM role ARNs the MNS and OSS triggers invoke the function with (Alibaba Cloud). */
    invocationRoles: { type: "object", properties: { mns: { type: "string" }, oss: { type: "string" } }, additionalProperties: false },
    /** The SCF namespace (Tencent Cloud). */
    namespace: { type: "string" },
  },
};

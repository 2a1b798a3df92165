import { describe, expect, it } from "vitest";
import { ConfigurationError, ConflictError, FaasportError, HttpError, isFaasportError, ProviderError, UnsupportedEventError } from "@faasport/core";
import { describeValue } from "@faasport/core/runtime";

describe("errors", () => {
  it("carry a stable code, the cloud in the message, and the cause", () => {
    const cause = new Error("socket closed");
    const error = new ProviderError("redis", "connection lost", { retryable: true, cause, cloud: "aws" });
    expect(error).toBeInstanceOf(FaasportError);
    expect(error.code).toBe("PROVIDER");
    expect(error.retryable).toBe(true);
    expect(error.message).toBe("[faasport] [aws] [redis] connection lost");
    expect(error.cause).toBe(cause);
    expect(error.name).toBe("ProviderError");
  });

  it("isFaasportError works without instanceof and filters by code", () => {
    const error = new UnsupportedEventError("aws", "a string");
    const copy = Object.assign(Object.create(Error.prototype) as object, error);
    expect(isFaasportError(error)).toBe(true);
    expect(isFaasportError(error, "UNSUPPORTED_EVENT")).toBe(true);
    expect(isFaasportError(error, "CONFIGURATION")).toBe(false);
    expect(isFaasportError(copy)).toBe(false);
    expect(isFaasportError(new Error("x"))).toBe(false);
    expect(isFaasportError("UNSUPPORTED_EVENT")).toBe(false);
    expect(error.message).toBe("[faasport] [aws] unsupported event: received a string");
  });

  it("names the variable at fault and the key in conflict", () => {
    expect(new ConfigurationError("bad", { variable: "FAASPORT_KV_X" }).variable).toBe("FAASPORT_KV_X");
    expect(new ConflictError("todo:1").message).toBe('[faasport] version conflict on key "todo:1"');
  });

  it("HttpError becomes a response without the prefix", async () => {
    const response = new HttpError(404, "no such todo", { cloud: "node" }).toResponse();
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("no such todo");
  });

  it("describes received values for messages", () => {
    expect(describeValue(null)).toBe("null");
    expect(describeValue("x")).toBe("a string");
    expect(describeValue([1, 2])).toBe("an array of length 2");
    expect(describeValue({})).toBe("an empty object");
    expect(describeValue({ a: 1, b: 2 })).toBe("an object with keys: a, b");
    expect(describeValue(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])))).toContain("… (10 in all)");
  });
});

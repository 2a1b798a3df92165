import { ProviderError } from "@faasport/core";
import { bytesToBase64 } from "@faasport/core/runtime";
import { isConnectionError } from "./_utils";

const encoder = new TextEncoder();

/** Base64 HMAC of `text` with `secret` (Web Crypto, so it runs on any runtime). */
export async function hmacBase64(hash: "SHA-1" | "SHA-256", secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash }, false, ["sign"]);
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(text))));
}

/** A fetch whose network failures are retryable `ProviderError`s. */
export async function request(driver: string, action: string, url: string, init: RequestInit): Promise<{ status: number; text: string }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new ProviderError(driver, `${action} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      retryable: isConnectionError(cause) || cause instanceof TypeError,
      cause,
    });
  }
  return { status: response.status, text: await response.text() };
}

/** Escapes text for an XML element. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[char]};`);
}

/** The text of the first `<name>` element (enough for the service's small, flat answers). */
export function xmlText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1]?.replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[entity] ?? "");
}

/** Credentials for the Alibaba and Tencent request signatures, read when a request is signed (they may rotate). */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** An STS token, with temporary credentials. */
  readonly securityToken?: string | undefined;
}

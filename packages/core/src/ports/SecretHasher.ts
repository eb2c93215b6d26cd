import { Context, Effect } from "effect"

/** Hashes API-key secrets. Secrets carry 256 random bits, so a fast hash (SHA-256) is enough: there is nothing a
 * password-style slow hash would protect. Each platform provides its fastest digest; the default is Web Crypto
 * (global in Node.js 20+, browsers, Deno and Bun), asynchronous and slower per call than a native one (see
 * `docs/performance.md`). */
export interface SecretHasherService {
  /** The SHA-256 of the text's UTF-8 bytes, lower-case hex. */
  readonly sha256Hex: (text: string) => Effect.Effect<string>
}

const encoder = new TextEncoder()

const hex = (digest: ArrayBuffer): string =>
  Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("")

/** SHA-256 through the platform's Web Crypto. */
export const webCrypto: SecretHasherService = {
  sha256Hex: (text) => Effect.promise(() => crypto.subtle.digest("SHA-256", encoder.encode(text))).pipe(Effect.map(hex))
}

/** Hashes API-key secrets; Web Crypto unless a platform's faster digest is provided. */
export class SecretHasher extends Context.Reference<SecretHasher>()("@agency-crm/core/SecretHasher", {
  defaultValue: (): SecretHasherService => webCrypto
}) {}

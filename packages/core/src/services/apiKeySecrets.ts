import { Effect } from "effect"
import { sha256Hex } from "./sha256.js"

// Randomness from Web Crypto (global in Node.js 20+, browsers, Deno and Bun): the core needs no platform module.

const SECRET_BYTES = 32

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "")

/** A new API-key secret: `acrm_` and 256 random bits from the platform's cryptographic generator. */
export const generateSecret: Effect.Effect<string> = Effect.sync(
  () => `acrm_${base64url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))}`
)

/** The SHA-256 of a secret, hex-encoded. Secrets carry 256 random bits, so a fast hash is enough: there is
 * nothing to guess a password-style slow hash would protect. */
export const hashSecret = (secret: string): Effect.Effect<string> => Effect.sync(() => sha256Hex(secret))

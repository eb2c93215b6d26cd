import { Effect } from "effect"

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

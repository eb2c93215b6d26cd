import { SecretHasher } from "@agency-crm/core"
import { Effect, Layer } from "effect"
import { createHash } from "node:crypto"

/** SHA-256 of API-key secrets through `node:crypto`: synchronous and native, for the per-request lookup of a key
 * (Web Crypto, the core's default, answers through a promise: see `docs/performance.md`). Provide it to
 * `Crm.layer`. */
export const NodeSecretHasher = Layer.succeed(SecretHasher, {
  sha256Hex: (text: string) => Effect.sync(() => createHash("sha256").update(text, "utf8").digest("hex"))
})

import { SecretHasher, webCrypto } from "@agency-crm/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { randomBytes } from "node:crypto"
import { NodeSecretHasher } from "../src/index.js"

describe("NodeSecretHasher", () => {
  it.effect("hashes exactly as the platform-neutral Web Crypto default does", () =>
    Effect.gen(function* () {
      const hasher = yield* SecretHasher
      assert.notStrictEqual(hasher, webCrypto)
      for (let length = 0; length < 200; length++) {
        const text = randomBytes(length).toString("base64url").slice(0, length) + (length % 5 === 0 ? "ñ😀" : "")
        assert.strictEqual(yield* hasher.sha256Hex(text), yield* webCrypto.sha256Hex(text), `length ${length}`)
      }
    }).pipe(Effect.provide(NodeSecretHasher))
  )
})

import { ApiKeys, Crm, IdGenerator, SecretHasher, webCrypto } from "@agency-crm/core"
import { SqliteStore } from "@agency-crm/sqlite"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
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

describe("a SecretHasher provided to Crm.layer", () => {
  it.effect("is the one ApiKeys hashes with", () =>
    Effect.gen(function* () {
      const seen: Array<string> = []
      const spy = Layer.succeed(SecretHasher, {
        sha256Hex: (text: string) =>
          Effect.flatMap(
            Effect.sync(() => seen.push(text)),
            () => webCrypto.sha256Hex(text)
          )
      })
      const services = Crm.layer.pipe(
        Layer.provide(spy),
        Layer.provideMerge(SqliteStore.layerMemory),
        Layer.provideMerge(IdGenerator.layer)
      )
      yield* Effect.gen(function* () {
        const keys = yield* ApiKeys
        yield* Effect.exit(keys.authenticate("acrm_not-a-key-but-long-enough-to-be-hashed-0123"))
      }).pipe(Effect.provide(services))
      assert.deepStrictEqual(seen, ["acrm_not-a-key-but-long-enough-to-be-hashed-0123"])
    })
  )
})

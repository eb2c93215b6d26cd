import { SecretHasher, webCrypto } from "@agency-crm/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash, randomBytes } from "node:crypto"

const reference = (text: string) => createHash("sha256").update(text, "utf8").digest("hex")

describe("SecretHasher", () => {
  it.effect("the default (Web Crypto) matches the standard vectors and node:crypto on inputs of every length", () =>
    Effect.gen(function* () {
      const hasher = yield* SecretHasher
      assert.strictEqual(hasher, webCrypto)
      assert.strictEqual(
        yield* hasher.sha256Hex(""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
      )
      assert.strictEqual(
        yield* hasher.sha256Hex("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
      )
      for (let length = 0; length < 200; length++) {
        const text = randomBytes(length).toString("base64url").slice(0, length) + (length % 7 === 0 ? "é€😀" : "")
        assert.strictEqual(yield* hasher.sha256Hex(text), reference(text), `length ${length}`)
      }
    })
  )
})

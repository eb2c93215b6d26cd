import { assert, describe, it } from "@effect/vitest"
import { createHash, randomBytes } from "node:crypto"
import { sha256Hex } from "../src/services/sha256.js"

const reference = (text: string) => createHash("sha256").update(text, "utf8").digest("hex")

describe("sha256Hex", () => {
  it("matches the standard vectors and node:crypto on inputs of every padding length", () => {
    assert.strictEqual(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    assert.strictEqual(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    for (let length = 0; length < 300; length++) {
      const text = randomBytes(length).toString("base64url").slice(0, length) + (length % 7 === 0 ? "é€😀" : "")
      assert.strictEqual(sha256Hex(text), reference(text), `length ${length}`)
    }
  })
})

import { assert, describe, it } from "@effect/vitest"
import { parseAllowList, refusal, resolveChecked } from "../src/addresses.js"

describe("delivery addresses", () => {
  it("only public unicast addresses pass unless their network is allowed", () => {
    const none = parseAllowList([])
    for (const address of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"]) {
      assert.isNull(refusal(address, none), address)
    }
    const refused: ReadonlyArray<readonly [string, string]> = [
      ["127.0.0.1", "loopback"],
      ["127.8.9.10", "loopback"],
      ["::1", "loopback"],
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["192.168.1.1", "private"],
      ["169.254.169.254", "linkLocal"],
      ["fe80::1", "linkLocal"],
      ["fd00::1", "uniqueLocal"],
      ["100.64.0.1", "carrierGradeNat"],
      ["0.0.0.0", "unspecified"],
      ["::", "unspecified"],
      ["224.0.0.1", "multicast"],
      ["::ffff:127.0.0.1", "loopback"],
      ["::ffff:10.0.0.1", "private"]
    ]
    for (const [address, range] of refused) {
      assert.include(refusal(address, none) ?? "", range, address)
    }
    const allowed = parseAllowList(["127.0.0.1", "10.0.0.0/8", "fd00::/8"])
    assert.isNull(refusal("127.0.0.1", allowed))
    assert.isNull(refusal("::ffff:127.0.0.1", allowed))
    assert.isNull(refusal("10.200.3.4", allowed))
    assert.isNull(refusal("fd12::5", allowed))
    assert.isNotNull(refusal("127.0.0.2", allowed))
    assert.isNotNull(refusal("192.168.0.1", allowed))
  })

  it("a name is refused when any address it resolves to is refused", async () => {
    const error = await resolveChecked("localhost", parseAllowList([])).then(
      () => null,
      (e: Error) => e.message
    )
    assert.match(error ?? "", /^refused: localhost resolves to .* loopback address/)
    const ok = await resolveChecked("localhost", parseAllowList(["127.0.0.0/8", "::1"]))
    assert.include(["127.0.0.1", "::1"], ok.address)
    assert.deepStrictEqual(await resolveChecked("[::1]", parseAllowList(["::1"])), { address: "::1", family: 6 })
  })
})

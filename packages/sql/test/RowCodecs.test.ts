import { aggregates, Codec } from "@agency-crm/core"
import { assertCodecsAgree } from "@agency-crm/core/testing"
import { assert, describe, it } from "@effect/vitest"
import type { Schema } from "effect"
import * as Rows from "../src/rows.js"

// Every row read goes through these decoders and every write through these encoders: they must be the
// compiled ones (or the hot path is silently back on the general parser) and agree with Effect's parser.
const AllocationRow = Rows.rowOf(aggregates.find((a) => a.name === "allocation")!.schema)
const rows: Record<string, Schema.Schema<any, any>> = {
  ...Object.fromEntries(
    aggregates
      .filter((a) => a.name !== "allocation")
      .map((a) => [`${a.name} row`, Rows.rowOf(a.schema as Schema.Schema<unknown, any>)])
  ),
  EventRow: Rows.EventRow
}

describe("row codecs", () => {
  it("compile in both directions", () => {
    for (const [name, schema] of Object.entries(rows)) {
      assert.isTrue(Codec.isCompiled(schema, "decode"), `${name} decode`)
      assert.isTrue(Codec.isCompiled(schema, "encode"), `${name} encode`)
    }
    // The two allocation kinds share a table and are told apart by `kind`: Effect's parser keeps that union.
    assert.isFalse(Codec.isCompiled(AllocationRow, "decode"))
  })

  for (const [name, schema] of Object.entries({ ...rows, AllocationRow: AllocationRow })) {
    it(`${name}: same values and errors as Effect's parser`, () => assertCodecsAgree(name, schema, 20))
  }
})

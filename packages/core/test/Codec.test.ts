import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Effect, Either, FastCheck, ParseResult, Schema } from "effect"
import {
  AllocateInput,
  ApiKey,
  Client,
  CloseProjectInput,
  Codec,
  Contact,
  CreateClientInput,
  CreateProjectInput,
  CreateTaskInput,
  DomainEvent,
  HumanAllocation,
  Interaction,
  InteractionListQuery,
  LogInteractionInput,
  MaterialAllocation,
  Project,
  ProjectReview,
  RecordReviewInput,
  Allocation,
  StoredApiKey,
  Task,
  TaskListQuery,
  TeamMember,
  UpdateTaskInput
} from "../src/index.js"
import { assertCodecsAgree, corruptions, same } from "../src/testing/codecAgreement.js"

const entities = {
  TeamMember,
  Client,
  Contact,
  Project,
  Task,
  HumanAllocation,
  MaterialAllocation,
  Interaction,
  ProjectReview,
  DomainEvent,
  StoredApiKey,
  ApiKey
} as const

const inputs = {
  CreateClientInput,
  CreateProjectInput,
  CreateTaskInput,
  UpdateTaskInput,
  TaskListQuery,
  LogInteractionInput,
  InteractionListQuery,
  RecordReviewInput,
  AllocateInput,
  CloseProjectInput
} as const

describe("Codec", () => {
  it("compiles every entity and input schema in every direction", () => {
    for (const [name, schema] of Object.entries({ ...entities, ...inputs })) {
      for (const direction of ["decode", "encode", "validate"] as const) {
        // Unions told apart by a literal field keep Effect's bucketed order: left to Effect's parser.
        const discriminated = name === "AllocateInput"
        assert.strictEqual(Codec.isCompiled(schema, direction), !discriminated, `${name} ${direction}`)
      }
    }
  })

  for (const [name, schema] of Object.entries(entities)) {
    it(`${name}: same values and errors as Effect's parser`, () =>
      assertCodecsAgree(name, schema as Schema.Schema<any, any>, 25))
  }

  for (const [name, schema] of Object.entries(inputs)) {
    it(`${name}: same values and errors as Effect's parser`, () =>
      assertCodecsAgree(name, schema as Schema.Schema<any, any>, 25))
  }

  it("constructs every entity class like its constructor: same instances, same errors", async () => {
    const outcome = (make: () => unknown) => {
      try {
        return { ok: true, value: make() } as const
      } catch (error) {
        return { ok: false, message: String(error) } as const
      }
    }
    for (const [name, Class] of Object.entries(entities)) {
      const schemaClass = Class as unknown as Codec.SchemaClass<Record<string, unknown>, unknown>
      assert.isTrue(Codec.isCompiled(Class, "construct"), name)
      const make = Codec.constructor(schemaClass)
      for (const value of FastCheck.sample(Arbitrary.make(Class as Schema.Schema<any>), { numRuns: 10, seed: 11 })) {
        await new Promise<void>((resolve) => setImmediate(resolve))
        const props = { ...(value as Record<string, unknown>) }
        for (const candidate of [props, ...corruptions(props)]) {
          const fast = outcome(() => make(candidate as Record<string, unknown>))
          const stock = outcome(() => new schemaClass(candidate as Record<string, unknown>))
          assert.strictEqual(fast.ok, stock.ok, `${name}: ${stock.ok ? "valid" : stock.message}`)
          if (fast.ok && stock.ok) assert.isTrue(same(fast.value, stock.value), `${name}: same instance`)
          if (!fast.ok && !stock.ok) assert.strictEqual(fast.message, stock.message)
        }
      }
    }
  })

  it("a discriminated union of classes falls back to Effect's parser, with the same results", async () => {
    assert.isFalse(Codec.isCompiled(Allocation, "decode"))
    await assertCodecsAgree("Allocation", Allocation, 25)
  })

  it("covers every AST node it compiles, and falls back on the ones it does not", async () => {
    enum Channel {
      Email = "email",
      Phone = 2
    }
    class Item extends Schema.Class<Item>("Item")({ at: Schema.DateTimeUtcFromNumber, n: Schema.NumberFromString }) {}
    interface Tree {
      readonly children: ReadonlyArray<Tree>
    }
    const Tree: Schema.Schema<Tree> = Schema.Struct({
      children: Schema.Array(Schema.suspend(() => Tree))
    })
    const compiled = Schema.Struct({
      tuple: Schema.Tuple([Schema.String, Schema.optionalElement(Schema.Number)], Schema.Boolean),
      fixed: Schema.Tuple(Schema.Literal("a"), Schema.BigIntFromSelf),
      channel: Schema.Enums(Channel),
      json: Schema.parseJson(Schema.Struct({ k: Schema.Int.pipe(Schema.positive()) })),
      items: Schema.Array(Item),
      maybe: Schema.optional(Schema.NullOr(Schema.Trim)),
      either: Schema.Union(Schema.Number, Schema.String.pipe(Schema.minLength(2))),
      object: Schema.Object,
      unknown: Schema.Unknown,
      symbol: Schema.SymbolFromSelf,
      undefinedValue: Schema.Undefined,
      emptyStruct: Schema.Struct({})
    })
    assert.isTrue(Codec.isCompiled(compiled, "decode"))
    assert.isTrue(Codec.isCompiled(compiled, "encode"))
    await assertCodecsAgree("synthetic", compiled, 50)

    const fallbacks = {
      template: Schema.TemplateLiteral("id-", Schema.Number),
      suspended: Tree,
      record: Schema.Record({ key: Schema.String, value: Schema.Number }),
      defaults: Schema.Struct({ n: Schema.optionalWith(Schema.Number, { default: () => 1 }) }),
      tagged: Schema.Union(
        Schema.TaggedStruct("A", { a: Schema.String }),
        Schema.TaggedStruct("B", { b: Schema.Number })
      )
    }
    for (const [name, schema] of Object.entries(fallbacks)) {
      assert.isFalse(Codec.isCompiled(schema, "decode"), name)
      await assertCodecsAgree(name, schema as Schema.Schema<any, any>, 25)
    }
  })

  it("falls back to Effect's parser when a step is effectful, with the same result", () => {
    const Slow = Schema.transformOrFail(Schema.String, Schema.String, {
      strict: true,
      decode: (s) =>
        s === "defer" ? Effect.suspend(() => Effect.succeed(s.toUpperCase())) : ParseResult.succeed(s.toUpperCase()),
      encode: ParseResult.succeed
    })
    const decode = Codec.decoder(Schema.Struct({ s: Slow }))
    assert.deepStrictEqual(Either.getOrThrow(decode({ s: "abc" })), { s: "ABC" })
    assert.deepStrictEqual(Either.getOrThrow(decode({ s: "defer" })), { s: "DEFER" })
    assert.isTrue(Either.isLeft(decode({ s: 1 })))
  })
})

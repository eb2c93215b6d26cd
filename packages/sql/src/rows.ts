import { DomainEvent, IdempotencyRecord } from "@agency-crm/core"
import { Schema } from "effect"
import * as AST from "effect/SchemaAST"
import { BooleanColumn, JsonColumn, NullableTimeColumn, TimeColumn } from "./columns.js"

// A row schema is derived from the entity's class: the same fields, each in its column encoding (instants as
// epoch milliseconds, booleans as 0/1, nested values as JSON text), decoded into the class. Rows are validated
// on the way in and written through the same schema on the way out.

type Field = Schema.Schema.Any

const isDateTime = (ast: AST.AST) => ast === Schema.DateTimeUtc.ast
const isNested = (ast: AST.AST) => {
  const encoded = AST.encodedAST(ast)
  return AST.isTypeLiteral(encoded) || AST.isTupleType(encoded)
}

/** The column encoding of a field or a filter value. */
export const columnOf = (field: Field): Field => {
  const ast = field.ast
  if (isDateTime(ast)) return TimeColumn
  if (ast === Schema.Boolean.ast) return BooleanColumn
  if (AST.isUnion(ast)) {
    const members = ast.types.filter((member) => !(AST.isLiteral(member) && member.literal === null))
    const nullable = members.length === ast.types.length - 1
    if (nullable && members.length === 1) {
      const member = members[0]!
      if (isDateTime(member)) return NullableTimeColumn
      if (isNested(member)) return Schema.NullOr(JsonColumn(Schema.make(member)))
    }
    return field
  }
  return isNested(ast) ? JsonColumn(field as Schema.Schema<unknown, unknown, never>) : field
}

/** A `Schema.Class` as rows read and write it. */
interface RowClass<A> {
  new (props: any, options?: boolean): A
  readonly fields: Schema.Struct.Fields
}

const rowOfClass = <A>(Class: RowClass<A>): Schema.Schema<A, any> =>
  Schema.transform(
    Schema.Struct(
      Object.fromEntries(Object.entries(Class.fields).map(([name, field]) => [name, columnOf(field as Field)]))
    ),
    Schema.typeSchema(Class as unknown as Schema.Schema<A, any>),
    { strict: true, decode: (row) => new Class(row, true), encode: (entity) => ({ ...(entity as object) }) as any }
  ) as unknown as Schema.Schema<A, any>

const isClass = (schema: Schema.Schema.Any): schema is Schema.Schema.Any & RowClass<any> =>
  typeof schema === "function" && "fields" in schema

/** The row schema of an entity: of its class, or a union of its classes' rows (one table, the other kind's
 * columns NULL). */
export const rowOf = <A>(schema: Schema.Schema<A, any>): Schema.Schema<A, any> => {
  if (isClass(schema)) return rowOfClass(schema)
  const ast = schema.ast
  if (AST.isUnion(ast)) {
    const members = (schema as unknown as { readonly members: ReadonlyArray<Schema.Schema.Any> }).members
    if (members.every(isClass)) return Schema.Union(...members.map((member) => rowOfClass(member))) as any
  }
  throw new Error(`no row encoding for ${String(ast)}: declare the entity as a Schema.Class or a union of them`)
}

/** An `events` row. */
export const EventRow = rowOf(DomainEvent)

/** An `idempotency_keys` row. */
export const IdempotencyRow = rowOf(IdempotencyRecord)

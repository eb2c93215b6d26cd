import type { Schema } from "effect"
import * as AST from "effect/SchemaAST"

/** How a field's encoded value is written in one text cell. */
type CellKind = "string" | "number" | "boolean" | "json"

/** One field as a column: its name, how its cell reads, whether an empty cell means null, whether it may be left
 * out. */
export interface Column {
  readonly field: string
  readonly kind: CellKind
  readonly nullable: boolean
  readonly optional: boolean
}

const kindOf = (ast: AST.AST): CellKind => {
  switch (ast._tag) {
    case "StringKeyword":
    case "TemplateLiteral":
    case "Enums":
      return "string"
    case "NumberKeyword":
      return "number"
    case "BooleanKeyword":
      return "boolean"
    case "Literal":
      return typeof ast.literal === "number" ? "number" : typeof ast.literal === "boolean" ? "boolean" : "string"
    case "Refinement":
      return kindOf(ast.from)
    case "Suspend":
      return kindOf(ast.f())
    case "Union": {
      const kinds = new Set(ast.types.map(kindOf))
      return kinds.size === 1 ? [...kinds][0]! : "json"
    }
    default:
      return "json"
  }
}

const isAbsent = (ast: AST.AST) => (AST.isLiteral(ast) && ast.literal === null) || AST.isUndefinedKeyword(ast)

/** The columns of a struct or class schema, in the order it declares its fields, read from its encoded side. */
export const columnsOf = (schema: Schema.Schema.Any): ReadonlyArray<Column> => {
  const encoded = AST.encodedAST(schema.ast)
  if (!AST.isTypeLiteral(encoded)) return []
  return encoded.propertySignatures.map((signature) => {
    const members = AST.isUnion(signature.type) ? signature.type.types : [signature.type]
    const present = members.filter((member) => !isAbsent(member))
    return {
      field: String(signature.name),
      kind: present.length === 0 ? "string" : kindOf(AST.Union.make(present)),
      nullable: members.some((member) => AST.isLiteral(member) && member.literal === null),
      optional: signature.isOptional
    }
  })
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** The encoded value a cell holds for `column`: an empty cell is null (or absent, for a field that cannot be
 * null, so the schema names it as missing); a cell that does not read as the column's kind is kept as text for the
 * schema to refuse with its own message. */
export const fromCell = (column: Column, text: string): unknown => {
  if (text === "") return column.nullable ? null : undefined
  switch (column.kind) {
    case "string":
      return text
    case "number":
      return NUMBER.test(text.trim()) ? Number(text) : text
    case "boolean": {
      const folded = text.trim().toLowerCase()
      return folded === "true" ? true : folded === "false" ? false : text
    }
    case "json":
      try {
        return JSON.parse(text)
      } catch {
        return text
      }
  }
}

/** The cell of an encoded value: null for null, JSON for objects and arrays, the value itself otherwise. */
export const toCell = (value: unknown): string | number | boolean | null =>
  value === null || value === undefined
    ? null
    : typeof value === "object"
      ? JSON.stringify(value)
      : (value as string | number | boolean)

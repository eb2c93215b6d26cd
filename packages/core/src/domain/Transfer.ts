import { Schema } from "effect"

/** What can be imported and exported, by the name people use, in the order an import of everything takes them
 * (an entity's references come before it, but for the few that point forward, which are checked at the end). */
export const TransferKind = Schema.Literal(
  "members",
  "originations",
  "markets",
  "positions",
  "organizations",
  "contacts",
  "projects",
  "opportunities",
  "tasks",
  "interactions"
)
/** What can be imported and exported. */
export type TransferKind = typeof TransferKind.Type

/** The aggregate behind each kind. */
export const aggregateNameOfKind = {
  members: "team_member",
  originations: "origination",
  markets: "market",
  positions: "position",
  organizations: "client",
  contacts: "contact",
  projects: "project",
  opportunities: "opportunity",
  tasks: "task",
  interactions: "interaction"
} as const satisfies Record<TransferKind, string>

/** How an import treats its rows. */
export const ImportOptions = Schema.Struct({
  /** Keep the good rows when some are rejected (default: all or nothing). */
  partial: Schema.optional(Schema.Boolean),
  /** Check every row and report, and store nothing. */
  dryRun: Schema.optional(Schema.Boolean),
  /** Source column → field; a column mapped to `null` is ignored. Columns not listed keep their own name. */
  mapping: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) }))
})
/** How an import treats its rows. */
export type ImportOptions = typeof ImportOptions.Type

/** A row an import refused: its line in the source (where the record starts), the field and why. */
export class ImportReject extends Schema.Class<ImportReject>("ImportReject")({
  line: Schema.Int,
  /** The field (after mapping) at fault; empty when the row as a whole is. */
  field: Schema.String,
  message: Schema.String
}) {}

/** The most rejects a report carries (every one goes to `onReject`). */
export const REPORTED_REJECTS = 100

/** What an import did. */
export class ImportReport extends Schema.Class<ImportReport>("ImportReport")({
  kind: TransferKind,
  /** Data rows read. */
  rows: Schema.Int,
  /** Rows stored as new entities. */
  imported: Schema.Int,
  /** Rows naming an entity already stored with the same data: nothing to do. */
  unchanged: Schema.Int,
  /** How many rows were rejected (a row with several faults counts once). */
  rejectedRows: Schema.Int,
  /** The first rejects, in line order. */
  rejects: Schema.Array(ImportReject),
  /** Whether the imported rows were kept (false on a dry run, or when rows were rejected without `partial`). */
  committed: Schema.Boolean
}) {}

/** An import without `partial` found bad rows: nothing was stored. `reports` has one report per kind. */
export class ImportRejected extends Schema.TaggedError<ImportRejected>()("ImportRejected", {
  reports: Schema.Array(ImportReport),
  message: Schema.String
}) {
  /** An `ImportRejected` for reports of which some have rejects. */
  static of(reports: ReadonlyArray<ImportReport>): ImportRejected {
    const bad = reports.filter((report) => report.rejectedRows > 0)
    const counts = bad.map((report) => `${report.rejectedRows} of ${report.rows} ${report.kind} rows`).join(", ")
    const first = bad[0]?.rejects[0]
    const where =
      first === undefined
        ? ""
        : `; first at line ${first.line}${first.field === "" ? "" : ` (${first.field})`}: ${first.message}`
    return new ImportRejected({ reports, message: `${counts} rejected, nothing stored${where}` })
  }
}

/** The source could not be read as rows (a CSV that is not well formed, a file that cannot be read). */
export class ImportSourceFailed extends Schema.TaggedError<ImportSourceFailed>()("ImportSourceFailed", {
  message: Schema.String
}) {}

/** The source columns cannot be imported as this kind (unknown columns, or two for one field). */
export class ImportColumnsInvalid extends Schema.TaggedError<ImportColumnsInvalid>()("ImportColumnsInvalid", {
  kind: TransferKind,
  columns: Schema.Array(Schema.String),
  message: Schema.String
}) {}

/** One source row: its line and its cells by column; cells that could not be read (bad encoding) are named in
 * `unreadable` with why. */
export interface SourceRow {
  readonly line: number
  readonly cells: Readonly<Record<string, string>>
  readonly unreadable?: ReadonlyArray<{ readonly column: string; readonly message: string }> | undefined
}

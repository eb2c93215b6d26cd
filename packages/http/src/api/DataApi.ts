import {
  ContactId,
  ErasureReport,
  ImportRejected,
  ImportReport,
  PersonalDataDocument,
  TransferKind
} from "@agency-crm/core"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { addErrors, bodyErrors, IdPath, Statuses } from "./crud.js"
import { BoolParam } from "./params.js"

/** `POST /data/imports/{kind}` parameters. */
export const ImportParams = Schema.Struct({
  partial: Schema.optional(BoolParam),
  dryRun: Schema.optional(BoolParam),
  /** A JSON object of source column → field (null ignores the column). */
  mapping: Schema.optional(Schema.String)
})

/** `GET /data/exports/{kind}` parameters. */
export const ExportParams = Schema.Struct({
  format: Schema.optional(Schema.Literal("csv", "json", "ndjson"))
})

const KindPath = Schema.Struct({ kind: TransferKind })

/** The media type of import bodies. */
export const CSV_MEDIA_TYPE = "text/csv"

// A text payload: the request guard leaves such a body to stream to the handler (see `streamedBodyRoutes`).
const csvText = Schema.String.pipe(HttpApiSchema.withEncoding({ kind: "Text", contentType: CSV_MEDIA_TYPE }))

/** Data in and out, and a person's data (admins only). */
export const DataApi = HttpApiGroup.make("data")
  .add(
    addErrors(
      HttpApiEndpoint.post("import", "/data/imports/:kind")
        .setPath(KindPath)
        .setUrlParams(ImportParams)
        .setPayload(csvText)
        .addSuccess(ImportReport)
        .addError(ImportRejected, { status: 422 }),
      [...bodyErrors, Statuses.RuleViolated]
    )
      .annotate(OpenApi.Summary, "Import CSV rows of one kind")
      .annotate(
        OpenApi.Description,
        "The body is CSV (`text/csv`, UTF-8) with a header row, streamed as it arrives. Each row is checked as the " +
          "API checks a write: a row with an `id` is a record as an export writes it (kept with its id, version " +
          "and times), a row without is created as `POST` creates one. References hold an id or a natural key " +
          "(an organization's name, a member's email). Without `partial`, one rejected row stores nothing (422 " +
          "with every report); `dryRun` checks and stores nothing. `mapping` renames columns."
      )
  )
  .add(
    HttpApiEndpoint.get("export", "/data/exports/:kind")
      .setPath(KindPath)
      .setUrlParams(ExportParams)
      .addSuccess(csvText)
      .annotate(OpenApi.Summary, "Export every entity of one kind")
      .annotate(
        OpenApi.Description,
        "Streamed a page at a time: CSV (default; the columns an import reads), or with `format` a JSON array " +
          "(`application/json`) or one JSON object a line (`application/x-ndjson`)."
      )
  )
  .add(
    HttpApiEndpoint.get("personalData", "/contacts/:id/personal-data")
      .setPath(IdPath(ContactId))
      .addSuccess(PersonalDataDocument)
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "Everything the CRM holds about a person")
      .annotate(
        OpenApi.Description,
        "The contact, the interactions with them, the opportunities where they are the contact, and every " +
          "recorded change of their record, as one document (GDPR access and portability)."
      )
  )
  .add(
    HttpApiEndpoint.post("erase", "/contacts/:id/erase")
      .setPath(IdPath(ContactId))
      .addSuccess(ErasureReport)
      .addError(Statuses.NotFound)
      .addError(Statuses.RuleViolated)
      .annotate(OpenApi.Summary, "Erase a person's data")
      .annotate(
        OpenApi.Description,
        "Erases the contact's personal fields (the record stays, named “Erased contact”), every mention of their " +
          "values in the interactions, opportunities and tasks linked to them, and both from the recorded history; " +
          "records `contact.erased` naming the fields, not their values; then purges the store's files."
      )
  )
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Data")
  .annotate(
    OpenApi.Description,
    "Imports and exports of organizations, contacts, opportunities, tasks, interactions, projects, members and " +
      "master data, and a person's right to their data and to be forgotten. Admins only."
  )

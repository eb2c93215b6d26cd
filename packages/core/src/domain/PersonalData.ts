import { Schema } from "effect"
import { ContactId } from "./Contact.js"

/** What an erased value reads as, in the history and in the text of the records that mentioned the person. */
export const ERASED = "[erased]"

/** The name an erased contact keeps (the record stays, so the history and references around it hold). */
export const ERASED_CONTACT_NAME = "Erased contact"

/** The fields of a contact that are the person's data, erased on request. */
export const CONTACT_PERSONAL_FIELDS = ["name", "email", "phone", "position", "notes"] as const

/** What an erasure did. */
export class ErasureReport extends Schema.Class<ErasureReport>("ErasureReport")({
  contactId: ContactId,
  /** The contact's fields that held data and were erased. */
  erasedFields: Schema.Array(Schema.String),
  /** Records that mentioned the person and had those mentions replaced, by entity type. */
  redactedRecords: Schema.Record({ key: Schema.String, value: Schema.Int }),
  /** Recorded events whose values were rewritten. */
  rewrittenEvents: Schema.Int,
  /** Stored responses of idempotent requests that held the data, deleted. */
  forgottenResponses: Schema.Int,
  /** Whether the store's files no longer hold the erased bytes anywhere it knows of, and what was done. */
  purged: Schema.Boolean,
  purgeDetail: Schema.String
}) {}

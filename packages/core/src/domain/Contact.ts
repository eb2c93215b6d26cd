import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { contactDocument } from "./SearchDocuments.js"
import { ClientId, ContactId, PositionId } from "./Ids.js"
import { Email, LongText, Name, ShortText } from "./Text.js"

export { ContactId } from "./Ids.js"

/** A person at a client; at most one contact per client is primary. */
export class Contact extends Schema.Class<Contact>("Contact")({
  ...entityFields(ContactId),
  clientId: ClientId,
  name: Name,
  email: Schema.NullOr(Email),
  phone: Schema.NullOr(ShortText),
  /** The position from the master list. */
  positionId: Schema.NullOr(PositionId),
  /** The title as the person writes it, beside the listed position (e.g. "Head of Growth, EMEA"). */
  position: Schema.NullOr(ShortText),
  isPrimary: Schema.Boolean,
  notes: Schema.NullOr(LongText)
}) {}

/** Input of `Contacts.create`; a primary contact takes the flag from the client's previous one. */
export const CreateContactInput = Schema.Struct({
  clientId: ClientId,
  name: Name,
  email: Schema.optional(Schema.NullOr(Email)),
  phone: Schema.optional(Schema.NullOr(ShortText)),
  positionId: Schema.optional(Schema.NullOr(PositionId)),
  position: Schema.optional(Schema.NullOr(ShortText)),
  isPrimary: Schema.optional(Schema.Boolean),
  notes: Schema.optional(Schema.NullOr(LongText))
})
/** Input of `Contacts.create`. */
export type CreateContactInput = typeof CreateContactInput.Type

/** Input of `Contacts.update`: only the given fields change; a contact never moves to another client. */
export const UpdateContactInput = Schema.Struct({
  name: Schema.optional(Name),
  email: Schema.optional(Schema.NullOr(Email)),
  phone: Schema.optional(Schema.NullOr(ShortText)),
  positionId: Schema.optional(Schema.NullOr(PositionId)),
  position: Schema.optional(Schema.NullOr(ShortText)),
  isPrimary: Schema.optional(Schema.Boolean),
  notes: Schema.optional(Schema.NullOr(LongText))
})
/** Input of `Contacts.update`. */
export type UpdateContactInput = typeof UpdateContactInput.Type

/** Contacts: people at a client, deleted with it. */
export const contactAggregate = Aggregate.define({
  name: "contact",
  plural: "contacts",
  schema: Contact,
  id: ContactId,
  filters: {
    clientId: Filters.eq(ClientId),
    isPrimary: Filters.eq(Schema.Boolean),
    positionId: Filters.eq(PositionId)
  },
  sorts: { name: Sorts.text("name", "nameKey"), createdAt: Sorts.time("createdAt") },
  defaultSort: { by: "name", order: "asc" },
  inputs: { create: CreateContactInput, update: UpdateContactInput },
  references: {
    clientId: { to: "client", onDelete: "cascade" },
    positionId: { to: "position", onDelete: "restrict" }
  },
  events: ["created", "updated", "deleted", "erased"],
  eventRefs: (c) => ({ clientId: c.clientId }),
  search: contactDocument,
  permissions: { read: "crm.read", write: "contact.manage", remove: "contact.manage" }
})

/** Filters of a contact list. */
export const ContactFilter = contactAggregate.Filter
/** Filters of a contact list. */
export type ContactFilter = typeof ContactFilter.Type

/** Fields a contact list can be sorted by. */
export const ContactSortField = contactAggregate.SortField
/** Fields a contact list can be sorted by. */
export type ContactSortField = typeof ContactSortField.Type

/** Query of a contact list. */
export const ContactListQuery = contactAggregate.ListQuery
/** Query of a contact list. */
export type ContactListQuery = typeof ContactListQuery.Type

/** How contacts are listed. */
export const contactList = contactAggregate.list

/** Storage of contacts. */
export const ContactRepository = contactAggregate.repository
/** Storage of contacts. */
export type ContactRepository = Context.Tag.Identifier<typeof ContactRepository>

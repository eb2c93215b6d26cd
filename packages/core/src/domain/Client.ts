import { Schema } from "effect"
import { entityFields, type ListSpec, nameKey, timeKey } from "./Entity.js"
import { ClientId, TeamMemberId } from "./Ids.js"
import { pagingFields } from "./Paging.js"
import { Email, LongText, Name, ShortText } from "./Text.js"

export { ClientId } from "./Ids.js"

/** What an organisation is to the agency; a prospect becomes a client when its first project is created. */
export const ClientKind = Schema.Literal("client", "prospect", "supplier", "partner")
/** What an organisation is to the agency. */
export type ClientKind = typeof ClientKind.Type

/** An organisation the agency works with; archived clients stay for history but take no new projects. */
export class Client extends Schema.Class<Client>("Client")({
  ...entityFields(ClientId),
  name: Name,
  kind: ClientKind,
  industry: Schema.NullOr(ShortText),
  website: Schema.NullOr(ShortText),
  email: Schema.NullOr(Email),
  phone: Schema.NullOr(ShortText),
  notes: Schema.NullOr(LongText),
  ownerId: Schema.NullOr(TeamMemberId),
  archivedAt: Schema.NullOr(Schema.DateTimeUtc)
}) {}

/** Input of `Clients.create`; `kind` defaults to `prospect`. */
export const CreateClientInput = Schema.Struct({
  name: Name,
  kind: Schema.optional(ClientKind),
  industry: Schema.optional(Schema.NullOr(ShortText)),
  website: Schema.optional(Schema.NullOr(ShortText)),
  email: Schema.optional(Schema.NullOr(Email)),
  phone: Schema.optional(Schema.NullOr(ShortText)),
  notes: Schema.optional(Schema.NullOr(LongText)),
  ownerId: Schema.optional(Schema.NullOr(TeamMemberId))
})
/** Input of `Clients.create`. */
export type CreateClientInput = typeof CreateClientInput.Type

/** Input of `Clients.update`: only the given fields change. */
export const UpdateClientInput = Schema.Struct({
  name: Schema.optional(Name),
  kind: Schema.optional(ClientKind),
  industry: Schema.optional(Schema.NullOr(ShortText)),
  website: Schema.optional(Schema.NullOr(ShortText)),
  email: Schema.optional(Schema.NullOr(Email)),
  phone: Schema.optional(Schema.NullOr(ShortText)),
  notes: Schema.optional(Schema.NullOr(LongText)),
  ownerId: Schema.optional(Schema.NullOr(TeamMemberId))
})
/** Input of `Clients.update`. */
export type UpdateClientInput = typeof UpdateClientInput.Type

/** Filters of a client list. */
export const ClientFilter = Schema.Struct({
  kind: Schema.optional(ClientKind),
  archived: Schema.optional(Schema.Boolean),
  ownerId: Schema.optional(TeamMemberId)
})
/** Filters of a client list. */
export type ClientFilter = typeof ClientFilter.Type

/** Fields a client list can be sorted by. */
export const ClientSortField = Schema.Literal("name", "createdAt", "updatedAt")
/** Fields a client list can be sorted by. */
export type ClientSortField = typeof ClientSortField.Type

/** Query of `Clients.list`. */
export const ClientListQuery = Schema.Struct({ ...ClientFilter.fields, ...pagingFields(ClientSortField) })
/** Query of `Clients.list`. */
export type ClientListQuery = typeof ClientListQuery.Type

/** How clients are listed. */
export const clientList: ListSpec<Client, ClientSortField> = {
  entity: "client",
  sortKey: (c, field) =>
    field === "name" ? nameKey(c.name) : field === "createdAt" ? timeKey(c.createdAt) : timeKey(c.updatedAt),
  defaultSortBy: "name",
  defaultOrder: "asc"
}

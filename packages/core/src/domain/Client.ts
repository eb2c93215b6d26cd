import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { clientDocument } from "./SearchDocuments.js"
import { ClientId, MarketId, OriginationId, TeamMemberId } from "./Ids.js"
import { Email, LongText, Name, ShortText } from "./Text.js"

export { ClientId } from "./Ids.js"

/** What an organisation is to the agency; a prospect becomes a client when it is sold to (a won opportunity or
 * its first project). */
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
  marketId: Schema.NullOr(MarketId),
  originationId: Schema.NullOr(OriginationId),
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
  ownerId: Schema.optional(Schema.NullOr(TeamMemberId)),
  marketId: Schema.optional(Schema.NullOr(MarketId)),
  originationId: Schema.optional(Schema.NullOr(OriginationId))
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
  ownerId: Schema.optional(Schema.NullOr(TeamMemberId)),
  marketId: Schema.optional(Schema.NullOr(MarketId)),
  originationId: Schema.optional(Schema.NullOr(OriginationId))
})
/** Input of `Clients.update`. */
export type UpdateClientInput = typeof UpdateClientInput.Type

/** Clients (organizations): listed by kind, owner, market, lead source and archive state; a client with projects is archived, not deleted. */
export const clientAggregate = Aggregate.define({
  name: "client",
  plural: "clients",
  schema: Client,
  id: ClientId,
  filters: {
    kind: Filters.eq(ClientKind),
    archived: Filters.isSet("archivedAt"),
    ownerId: Filters.eq(TeamMemberId),
    marketId: Filters.eq(MarketId),
    originationId: Filters.eq(OriginationId)
  },
  sorts: {
    name: Sorts.text("name", "nameKey"),
    createdAt: Sorts.time("createdAt"),
    updatedAt: Sorts.time("updatedAt")
  },
  defaultSort: { by: "name", order: "asc" },
  inputs: { create: CreateClientInput, update: UpdateClientInput },
  references: {
    ownerId: { to: "team_member", onDelete: "restrict" },
    marketId: { to: "market", onDelete: "restrict" },
    originationId: { to: "origination", onDelete: "restrict" }
  },
  events: ["created", "updated", "converted", "archived", "restored", "deleted"],
  eventRefs: (c) => ({ clientId: c.id }),
  search: clientDocument,
  permissions: { read: "crm.read", write: "client.manage", remove: "client.manage" },
  naturalKey: { by: "name" },
  insteadOfDelete: "archive the client instead",
  // An archived client keeps its contacts and history; only new projects are refused (by `Projects`).
  archivable: { refuseNewReferences: false }
})

/** Filters of a client list. */
export const ClientFilter = clientAggregate.Filter
/** Filters of a client list. */
export type ClientFilter = typeof ClientFilter.Type

/** Fields a client list can be sorted by. */
export const ClientSortField = clientAggregate.SortField
/** Fields a client list can be sorted by. */
export type ClientSortField = typeof ClientSortField.Type

/** Query of `Clients.list`. */
export const ClientListQuery = clientAggregate.ListQuery
/** Query of `Clients.list`. */
export type ClientListQuery = typeof ClientListQuery.Type

/** How clients are listed. */
export const clientList = clientAggregate.list

/** Storage of clients. */
export const ClientRepository = clientAggregate.repository
/** Storage of clients. */
export type ClientRepository = Context.Tag.Identifier<typeof ClientRepository>

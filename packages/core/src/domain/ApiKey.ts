import { type Context, Schema } from "effect"
import { constructor } from "../codec/Codec.js"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { ApiKeyId, TeamMemberId } from "./Ids.js"
import { Name } from "./Text.js"

export { ApiKeyId } from "./Ids.js"

/** A credential of a team member for the HTTP API. The secret is never stored, only its hash. */
export class ApiKey extends Schema.Class<ApiKey>("ApiKey")({
  ...entityFields(ApiKeyId),
  memberId: TeamMemberId,
  /** What the key is for, e.g. `reporting script`. */
  name: Name,
  /** When the key last authenticated a request (updated at most once a minute). */
  lastUsedAt: Schema.NullOr(Schema.DateTimeUtc),
  revokedAt: Schema.NullOr(Schema.DateTimeUtc)
}) {}

/** An API key as storage holds it: with the SHA-256 hash (hex) of its secret. Never leaves the core. */
export class StoredApiKey extends Schema.Class<StoredApiKey>("StoredApiKey")({
  ...ApiKey.fields,
  hash: Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/))
}) {}

/** The text of an API-key secret, as `Authorization: Bearer <secret>` carries it: 32 to 256 URL-safe characters. */
export const ApiKeySecretText = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9._~+/=-]{32,256}$/, {
    message: () => "expected 32 to 256 URL-safe characters (letters, digits, . _ ~ + / = -)"
  })
)

/** A well-formed API-key secret. */
export const ApiKeySecret = ApiKeySecretText.pipe(Schema.brand("ApiKeySecret"))
/** The secret of an API key. */
export type ApiKeySecret = typeof ApiKeySecret.Type

/** Input of `ApiKeys.create`. */
export const CreateApiKeyInput = Schema.Struct({ memberId: TeamMemberId, name: Name })
/** Input of `ApiKeys.create`. */
export type CreateApiKeyInput = typeof CreateApiKeyInput.Type

/** A newly created key and its secret: the only time the secret is shown. */
export const CreatedApiKey = Schema.Struct({ apiKey: ApiKey, secret: Schema.String })
/** A newly created key and its secret. */
export type CreatedApiKey = typeof CreatedApiKey.Type

/** API keys: a member's credentials, deleted with the member; their events never carry the hash. */
export const apiKeyAggregate = Aggregate.define({
  name: "api_key",
  plural: "api_keys",
  schema: StoredApiKey,
  id: ApiKeyId,
  filters: { memberId: Filters.eq(TeamMemberId), revoked: Filters.isSet("revokedAt") },
  sorts: { createdAt: Sorts.time("createdAt") },
  defaultSort: { by: "createdAt", order: "desc" },
  inputs: { create: CreateApiKeyInput },
  references: { memberId: { to: "team_member", onDelete: "cascade" } },
  events: ["created", "revoked", "deleted"],
  eventRefs: () => ({}),
  // Keys are credentials: who holds one, and when it was revoked, is for those who manage them.
  permissions: { read: "api_key.manage", write: "api_key.manage", remove: "api_key.manage" },
  eventView: { schema: ApiKey, of: (key) => publicApiKey(key) }
})

/** Filters of an API-key list. */
export const ApiKeyFilter = apiKeyAggregate.Filter
/** Filters of an API-key list. */
export type ApiKeyFilter = typeof ApiKeyFilter.Type

/** Fields an API-key list can be sorted by. */
export const ApiKeySortField = apiKeyAggregate.SortField
/** Fields an API-key list can be sorted by. */
export type ApiKeySortField = typeof ApiKeySortField.Type

/** Query of an API-key list. */
export const ApiKeyListQuery = apiKeyAggregate.ListQuery
/** Query of an API-key list. */
export type ApiKeyListQuery = typeof ApiKeyListQuery.Type

/** How API-keys are listed. */
export const apiKeyList = apiKeyAggregate.list

const makeApiKey = constructor(ApiKey)

/** The public view of a stored key: everything but the hash. */
export const publicApiKey = ({ hash: _hash, ...key }: StoredApiKey): ApiKey => makeApiKey(key)

/** Storage of API keys. */
export const ApiKeyRepository = apiKeyAggregate.repository
/** Storage of API keys. */
export type ApiKeyRepository = Context.Tag.Identifier<typeof ApiKeyRepository>

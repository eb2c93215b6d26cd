import { DateTime, Effect, Option, Schema } from "effect"
import {
  type ApiKeyListQuery,
  apiKeyAggregate,
  ApiKeySecret,
  ApiKeySecretText,
  CreateApiKeyInput,
  type CreatedApiKey,
  publicApiKey,
  StoredApiKey
} from "../domain/ApiKey.js"
import { AuthenticationFailed, RuleViolated } from "../domain/Errors.js"
import { ApiKeyId, type TeamMemberId } from "../domain/Ids.js"
import { Email, Name } from "../domain/Text.js"
import type { TeamMember } from "../domain/TeamMember.js"
import { validate } from "../domain/Validation.js"
import { ApiKeyLookup } from "../ports/ApiKeyLookup.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { TeamMemberRepository } from "../domain/TeamMember.js"
import { Access } from "./Access.js"
import { SecretHasher } from "../ports/SecretHasher.js"
import { generateSecret } from "./apiKeySecrets.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { reference } from "./loading.js"
import { Team } from "./Team.js"
import { now, UnitOfWork } from "./UnitOfWork.js"

/** `lastUsedAt` is refreshed at most this often, so authenticating is a read on almost every request. */
export const LAST_USED_PRECISION_MS = 60_000

/** Input of `ApiKeys.bootstrap`. */
export const BootstrapInput = Schema.Struct({
  /** Name of the admin created. Default `Administrator`. */
  name: Schema.optional(Name),
  /** E-mail of the admin created. Default `admin@agency-crm.invalid`. */
  email: Schema.optional(Email),
  /** Use this secret for the admin's key instead of generating one (e.g. from `CRM_BOOTSTRAP_ADMIN_KEY`). */
  secret: Schema.optional(ApiKeySecretText)
})
/** Input of `ApiKeys.bootstrap`. */
export type BootstrapInput = typeof BootstrapInput.Type

/** A key that authenticated a request, and the team member it acts for. */
export interface Authenticated {
  readonly member: TeamMember
  readonly keyId: ApiKeyId
}

/** The first admin and the secret of their key, as `ApiKeys.bootstrap` creates them. */
export interface Bootstrapped {
  readonly admin: TeamMember
  readonly apiKey: CreatedApiKey
}

const decodeSecret = Schema.decodeUnknownOption(ApiKeySecret)

/** API keys: credentials of team members for the HTTP API, stored as hashes, revocable. */
export class ApiKeys extends Effect.Service<ApiKeys>()("@agency-crm/core/ApiKeys", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default, Team.Default],
  effect: Effect.gen(function* () {
    const crud = yield* crudOf(apiKeyAggregate)
    const { repository: keys } = crud
    const lookup = yield* ApiKeyLookup
    const hasher = yield* SecretHasher
    const members = yield* TeamMemberRepository
    const ids = yield* IdGenerator
    const access = yield* Access
    const team = yield* Team
    const { writes } = crud
    const validateCreate = validate(CreateApiKeyInput)
    const validateBootstrap = validate(BootstrapInput)

    const issue = (memberId: TeamMemberId, name: string, given?: string) =>
      Effect.gen(function* () {
        const member = yield* reference("memberId", "team_member", members.findById, memberId)
        if (!member.active) {
          return yield* RuleViolated.of("member_inactive", `memberId: team member ${memberId} is deactivated`)
        }
        const secret = given ?? (yield* generateSecret)
        const at = yield* now
        const stored = crud.model.make({
          id: ApiKeyId.make(yield* ids.next),
          memberId,
          name,
          hash: yield* hasher.sha256Hex(secret),
          lastUsedAt: null,
          revokedAt: null,
          version: 1,
          createdAt: at,
          updatedAt: at
        })
        yield* writes.insert(stored, "api_key.created")
        const created: CreatedApiKey = { apiKey: publicApiKey(stored), secret }
        return created
      })

    const create = Effect.fn("ApiKeys.create")(function* (input: CreateApiKeyInput) {
      const valid = yield* validateCreate(input)
      return yield* issue(valid.memberId, valid.name)
    })

    const get = Effect.fn("ApiKeys.get")(function* (id: ApiKeyId) {
      return publicApiKey(yield* writes.get(id))
    })

    const list = Effect.fn("ApiKeys.list")(function* (query: ApiKeyListQuery = {}) {
      const page = yield* crud.list(query)
      return { items: page.items.map(publicApiKey), nextCursor: page.nextCursor }
    })

    const revoke = Effect.fn("ApiKeys.revoke")(function* (id: ApiKeyId) {
      const current = yield* writes.loadForWrite(id, undefined)
      if (current.revokedAt !== null) return publicApiKey(current)
      return publicApiKey(yield* writes.save(current, { revokedAt: yield* now }, "api_key.revoked"))
    })

    /** Creates an admin and their first key when no active admin exists; does nothing otherwise. */
    const bootstrap = Effect.fn("ApiKeys.bootstrap")(function* (input: BootstrapInput = {}) {
      const valid = yield* validateBootstrap(input)
      const admins = yield* members.count({ role: "admin", active: true })
      if (admins > 0) return Option.none<Bootstrapped>()
      const admin = yield* team.create({
        name: valid.name ?? "Administrator",
        email: valid.email ?? "admin@agency-crm.invalid",
        role: "admin"
      })
      const apiKey = yield* issue(admin.id, "bootstrap admin key", valid.secret)
      return Option.some<Bootstrapped>({ admin, apiKey })
    })

    const touch = (key: StoredApiKey, at: DateTime.Utc) =>
      key.lastUsedAt !== null && DateTime.distance(key.lastUsedAt, at) < LAST_USED_PRECISION_MS
        ? Effect.void
        : // Another request touching the same key at once is as good as this one.
          Effect.ignore(keys.update(crud.model.make({ ...key, lastUsedAt: at, version: key.version + 1 })))

    /** The team member a secret authenticates; records when the key was last used. */
    const authenticate = Effect.fn("ApiKeys.authenticate")(function* (secret: string) {
      const valid = decodeSecret(secret)
      if (Option.isNone(valid)) return yield* AuthenticationFailed.of("malformed")
      const hash = yield* hasher.sha256Hex(valid.value)
      const found = yield* lookup.findByHash(hash)
      if (Option.isNone(found)) return yield* AuthenticationFailed.of("unknown")
      const key = found.value
      if (key.revokedAt !== null) return yield* AuthenticationFailed.of("revoked")
      const member = yield* members.findById(key.memberId)
      if (Option.isNone(member) || !member.value.active) return yield* AuthenticationFailed.of("member_inactive")
      yield* touch(key, yield* now)
      const authenticated: Authenticated = { member: member.value, keyId: key.id }
      return authenticated
    })

    return access.guard("ApiKeys", { create, get, list, revoke, bootstrap, authenticate })
  })
}) {}

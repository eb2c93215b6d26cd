import { Context, type Effect, type Option } from "effect"
import type { StoredApiKey } from "../domain/ApiKey.js"
import type { StorageError } from "../domain/Errors.js"

/** Finds API keys by the hash of their secret: how each request's key is found, so a point read. */
export interface ApiKeyLookupService {
  /** The key whose secret has this hash (hashes are unique). */
  readonly findByHash: (hash: string) => Effect.Effect<Option.Option<StoredApiKey>, StorageError>
}

/** Finds API keys by the hash of their secret. */
export class ApiKeyLookup extends Context.Tag("@agency-crm/core/ApiKeyLookup")<ApiKeyLookup, ApiKeyLookupService>() {}

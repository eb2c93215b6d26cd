import { Context, type Effect, type Option } from "effect"
import type { ApiKeyFilter, ApiKeySortField, StoredApiKey } from "../domain/ApiKey.js"
import type { StorageError } from "../domain/Errors.js"
import type { ApiKeyId } from "../domain/Ids.js"
import type { Repository } from "./Repository.js"

/** Storage of API keys, with the hashes of their secrets. */
export interface ApiKeyRepositoryService extends Repository<StoredApiKey, ApiKeyId, ApiKeyFilter, ApiKeySortField> {
  /** The key whose secret has this hash (hashes are unique): how each request's key is found, so a point read. */
  readonly findByHash: (hash: string) => Effect.Effect<Option.Option<StoredApiKey>, StorageError>
}

/** Storage of API keys. */
export class ApiKeyRepository extends Context.Tag("@agency-crm/core/ApiKeyRepository")<
  ApiKeyRepository,
  ApiKeyRepositoryService
>() {}

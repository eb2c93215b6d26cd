import { Context } from "effect"
import type { ApiKeySortField, StoredApiKey, StoredApiKeyFilter } from "../domain/ApiKey.js"
import type { ApiKeyId } from "../domain/Ids.js"
import type { Repository } from "./Repository.js"

/** Storage of API keys (with the hashes of their secrets; filter `hash` finds the key of a secret). */
export interface ApiKeyRepositoryService extends Repository<
  StoredApiKey,
  ApiKeyId,
  StoredApiKeyFilter,
  ApiKeySortField
> {}

/** Storage of API keys. */
export class ApiKeyRepository extends Context.Tag("@agency-crm/core/ApiKeyRepository")<
  ApiKeyRepository,
  ApiKeyRepositoryService
>() {}

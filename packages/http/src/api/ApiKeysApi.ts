import { ApiKey, apiKeyAggregate, ApiKeyId, CreateApiKeyInput, CreatedApiKey, Page } from "@agency-crm/core"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Authentication } from "./Authentication.js"
import { addErrors, IdPath, postErrors, Statuses } from "./crud.js"
import { strict } from "./params.js"
import { listParams } from "./queries.js"

/** API keys of team members (admins only). A key's secret is in the create response and nowhere else. */
export const ApiKeysApi = HttpApiGroup.make("apiKeys")
  .add(
    HttpApiEndpoint.get("list", "/api-keys")
      .setUrlParams(listParams(apiKeyAggregate))
      .addSuccess(Page(ApiKey))
      .annotate(OpenApi.Summary, "List API keys")
      .annotate(OpenApi.Description, "Newest first by default; filter by member or by revoked. No secrets, no hashes.")
  )
  .add(
    addErrors(
      HttpApiEndpoint.post("create", "/api-keys")
        .setPayload(strict(CreateApiKeyInput))
        .addSuccess(CreatedApiKey, { status: 201 }),
      [...postErrors, Statuses.ReferencedEntityMissing, Statuses.RuleViolated]
    )
      .annotate(OpenApi.Summary, "Create an API key for a team member")
      .annotate(
        OpenApi.Description,
        "The response holds the key's secret: it is shown this once and only its hash is stored."
      )
  )
  .add(
    HttpApiEndpoint.get("get", "/api-keys/:id")
      .setPath(IdPath(ApiKeyId))
      .addSuccess(ApiKey)
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "Get an API key")
      .annotate(OpenApi.Description, "The key's name, member, last use and revocation; never its secret or hash.")
  )
  .add(
    HttpApiEndpoint.post("revoke", "/api-keys/:id/revoke")
      .setPath(IdPath(ApiKeyId))
      .addSuccess(ApiKey)
      .addError(Statuses.NotFound)
      .addError(Statuses.VersionConflict)
      .addError(Statuses.IdempotencyKeyReused)
      .addError(Statuses.RuleViolated)
      .annotate(OpenApi.Summary, "Revoke an API key")
      .annotate(OpenApi.Description, "Requests with the key fail with 401 from now on. Revoking twice is harmless.")
  )
  .middleware(Authentication)
  .annotate(OpenApi.Title, "API keys")
  .annotate(OpenApi.Description, "Credentials of team members for this API, created and revoked by admins.")

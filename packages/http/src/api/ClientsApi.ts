import { Client, clientAggregate, ClientId, CreateClientInput, TimelinePage, UpdateClientInput } from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Authentication } from "./Authentication.js"
import { addErrors, conditionalErrors, crudGroup, IdPath, IfMatch, Statuses } from "./crud.js"
import { TimelineParams } from "./TimelineApi.js"

const lifecycle = <const Name extends "archive" | "restore">(name: Name, summary: string) =>
  addErrors(
    HttpApiEndpoint.post(name, `/clients/:id/${name}`).setPath(IdPath(ClientId)).setHeaders(IfMatch).addSuccess(Client),
    [...conditionalErrors, Statuses.IdempotencyKeyReused]
  )
    .annotate(OpenApi.Summary, summary)
    .annotate(OpenApi.Description, "`If-Match` makes the change conditional.")

/** Clients, prospects, suppliers and partners. */
export const ClientsApi = crudGroup("clients", clientAggregate, {
  entity: Client,
  created: Client,
  create: CreateClientInput,
  update: UpdateClientInput
})
  .add(lifecycle("archive", "Archive a client (kept for history, takes no new projects)"))
  .add(lifecycle("restore", "Restore an archived client"))
  .add(
    HttpApiEndpoint.get("timeline", "/clients/:id/timeline")
      .setPath(IdPath(ClientId))
      .setUrlParams(TimelineParams)
      .addSuccess(TimelinePage)
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "Timeline of a client")
      .annotate(OpenApi.Description, "Interactions (when they occurred) and recorded changes, newest first.")
  )
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Clients, prospects, suppliers and partners, their archive and their timeline.")

import { Client, clientAggregate, ClientId, CreateClientInput, TimelinePage, UpdateClientInput } from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Authentication } from "./Authentication.js"
import { archiveEndpoint, crudGroup, IdPath, Statuses } from "./crud.js"
import { TimelineParams } from "./TimelineApi.js"

/** Clients, prospects, suppliers and partners. */
export const ClientsApi = crudGroup("clients", clientAggregate, {
  entity: Client,
  created: Client,
  create: CreateClientInput,
  update: UpdateClientInput
})
  .add(archiveEndpoint("archive", clientAggregate, ClientId, Client))
  .add(archiveEndpoint("restore", clientAggregate, ClientId, Client))
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

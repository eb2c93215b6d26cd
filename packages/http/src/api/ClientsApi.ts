import {
  Client,
  ClientId,
  CreateClientInput,
  HasDependents,
  NotFound,
  ReferencedEntityMissing,
  TimelinePage,
  UpdateClientInput,
  VersionConflict
} from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Authentication } from "./Authentication.js"
import { crudGroup, IdPath, IfMatch } from "./crud.js"
import { PreconditionFailed, PreconditionRequired } from "./errors.js"
import { ClientParams } from "./queries.js"
import { TimelineParams } from "./TimelineApi.js"

const lifecycle = <const Name extends "archive" | "restore">(name: Name, summary: string) =>
  HttpApiEndpoint.post(name, `/clients/:id/${name}`)
    .setPath(IdPath(ClientId))
    .setHeaders(IfMatch)
    .addSuccess(Client)
    .addError(NotFound, { status: 404 })
    .addError(VersionConflict, { status: 409 })
    .addError(PreconditionFailed, { status: 412 })
    .addError(PreconditionRequired, { status: 428 })
    .annotate(OpenApi.Summary, summary)
    .annotate(OpenApi.Description, "`If-Match` makes the change conditional.")

/** Clients, prospects, suppliers and partners. */
export const ClientsApi = crudGroup("clients", {
  path: "/clients",
  noun: "client",
  plural: "clients",
  entity: Client,
  created: Client,
  id: ClientId,
  params: ClientParams,
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
      .addError(NotFound, { status: 404 })
      .annotate(OpenApi.Summary, "Timeline of a client")
      .annotate(OpenApi.Description, "Interactions (when they occurred) and recorded changes, newest first.")
  )
  .addError(ReferencedEntityMissing, { status: 422 })
  .addError(HasDependents, { status: 409 })
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Clients, prospects, suppliers and partners, their archive and their timeline.")

import {
  AlreadyExists,
  Forbidden,
  HasDependents,
  IdempotencyKeyReused,
  InvalidTransition,
  NotFound,
  OpenTasksRemain,
  ReferencedEntityMissing,
  RuleViolated,
  StorageError,
  UnknownActor,
  ValidationFailed,
  VersionConflict
} from "@agency-crm/core"
import { HttpApi, OpenApi } from "@effect/platform"
import { ApiKeysApi } from "./ApiKeysApi.js"
import { ClientsApi } from "./ClientsApi.js"
import { ContactsApi } from "./ContactsApi.js"
import {
  InternalServerError,
  PayloadTooLarge,
  PreconditionFailed,
  RequestTimeout,
  UnsupportedMediaType
} from "./errors.js"
import { InteractionsApi } from "./InteractionsApi.js"
import { finishDocument } from "./openApiDocument.js"
import { ProjectsApi } from "./ProjectsApi.js"
import { ResourcesApi } from "./ResourcesApi.js"
import { ReviewsApi } from "./ReviewsApi.js"
import { SearchApi } from "./SearchApi.js"
import { EventsApi, HealthApi } from "./SystemApi.js"
import { TasksApi } from "./TasksApi.js"
import { TeamApi } from "./TeamApi.js"
import { HistoryApi } from "./TimelineApi.js"
import { TrackingApi } from "./TrackingApi.js"

/** The Agency CRM HTTP API: the single source of the server, the OpenAPI document and the typed client. */
export class CrmApi extends HttpApi.make("agency-crm")
  .add(TeamApi)
  .add(ApiKeysApi)
  .add(ClientsApi)
  .add(ContactsApi)
  .add(ProjectsApi)
  .add(TasksApi)
  .add(ResourcesApi)
  .add(InteractionsApi)
  .add(ReviewsApi)
  .add(TrackingApi)
  .add(HistoryApi)
  .add(SearchApi)
  .add(EventsApi)
  .add(HealthApi)
  // Declared API-wide: the services' error types admit them on every operation.
  .addError(ValidationFailed, { status: 400 })
  .addError(NotFound, { status: 404 })
  .addError(VersionConflict, { status: 409 })
  .addError(InvalidTransition, { status: 409 })
  .addError(AlreadyExists, { status: 409 })
  .addError(HasDependents, { status: 409 })
  .addError(PreconditionFailed, { status: 412 })
  .addError(ReferencedEntityMissing, { status: 422 })
  .addError(RuleViolated, { status: 422 })
  .addError(IdempotencyKeyReused, { status: 422 })
  .addError(OpenTasksRemain, { status: 422 })
  .addError(UnknownActor, { status: 401 })
  .addError(Forbidden, { status: 403 })
  .addError(RequestTimeout, { status: 408 })
  .addError(PayloadTooLarge, { status: 413 })
  .addError(UnsupportedMediaType, { status: 415 })
  .addError(StorageError, { status: 500 })
  .addError(InternalServerError, { status: 500 })
  .annotate(OpenApi.Title, "Agency CRM")
  .annotate(OpenApi.Transform, finishDocument)
  .annotate(
    OpenApi.Description,
    "Clients, projects, tasks, resources, interactions and reviews of a marketing agency."
  ) {}

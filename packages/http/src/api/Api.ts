import { Forbidden, StorageError, UnknownActor, ValidationFailed } from "@agency-crm/core"
import { HttpApi, OpenApi } from "@effect/platform"
import { ApiKeysApi } from "./ApiKeysApi.js"
import { ClientsApi } from "./ClientsApi.js"
import { ContactsApi } from "./ContactsApi.js"
import { DataApi } from "./DataApi.js"
import { InternalServerError, TooManyRequests } from "./errors.js"
import { InteractionsApi } from "./InteractionsApi.js"
import { OpportunitiesApi } from "./OpportunitiesApi.js"
import { finishDocument } from "./openApiDocument.js"
import { withPlainGroups } from "./plainGroups.js"
import { ProjectsApi } from "./ProjectsApi.js"
import { AllocationsApi } from "./AllocationsApi.js"
import { ReportsApi } from "./ReportsApi.js"
import { ReviewsApi } from "./ReviewsApi.js"
import { SearchApi } from "./SearchApi.js"
import { EventsApi, HealthApi, PluginsApi } from "./SystemApi.js"
import { TasksApi } from "./TasksApi.js"
import { TeamApi } from "./TeamApi.js"
import { HistoryApi } from "./TimelineApi.js"
import { TrackingApi } from "./TrackingApi.js"

/** The Agency CRM HTTP API: the single source of the server, the OpenAPI document and the typed client. */
export class CrmApi extends withPlainGroups(
  HttpApi.make("agency-crm")
    .add(TeamApi)
    .add(ApiKeysApi)
    .add(ClientsApi)
    .add(ContactsApi)
    .add(ProjectsApi)
    .add(TasksApi)
    .add(AllocationsApi)
    .add(InteractionsApi)
    .add(OpportunitiesApi)
    .add(ReviewsApi)
    .add(TrackingApi)
    .add(ReportsApi)
    .add(HistoryApi)
    .add(SearchApi)
    .add(EventsApi)
    .add(PluginsApi)
    .add(DataApi)
    .add(HealthApi)
)
  // API-wide: what any operation may answer. Everything else is declared at the endpoint that can return it.
  .addError(ValidationFailed, { status: 400 })
  .addError(UnknownActor, { status: 401 })
  .addError(Forbidden, { status: 403 })
  .addError(TooManyRequests, { status: 429 })
  .addError(StorageError, { status: 500 })
  .addError(InternalServerError, { status: 500 })
  .annotate(OpenApi.Title, "Agency CRM")
  .annotate(OpenApi.Transform, finishDocument)
  .annotate(
    OpenApi.Description,
    "Clients, sales opportunities, projects, tasks, resources, interactions and reviews of a marketing agency."
  ) {}

import { Layer } from "effect"
import { EventFeed } from "./services/EventFeed.js"
import { EventWakeups } from "./events/EventWakeups.js"
import { Access } from "./services/Access.js"
import { ApiKeys } from "./services/ApiKeys.js"
import { Clients } from "./services/Clients.js"
import { Dependents } from "./services/Dependents.js"
import { derivedServices } from "./services/derived.js"
import { Contacts } from "./services/Contacts.js"
import { Idempotency } from "./services/Idempotency.js"
import { Interactions } from "./services/Interactions.js"
import { Opportunities } from "./services/Opportunities.js"
import { Projects } from "./services/Projects.js"
import { Allocations } from "./services/Allocations.js"
import { ClientReports } from "./services/ClientReports.js"
import { DeliveryReports } from "./services/DeliveryReports.js"
import { Reviews } from "./services/Reviews.js"
import { SalesReports } from "./services/SalesReports.js"
import { Search } from "./services/Search.js"
import { DataTransfer } from "./services/DataTransfer.js"
import { PersonalData } from "./services/PersonalData.js"
import { Tasks } from "./services/Tasks.js"
import { Team } from "./services/Team.js"
import { Timeline } from "./services/Timeline.js"
import { Tracking } from "./services/Tracking.js"
import { WriteChecks } from "./services/WriteChecks.js"

/** Every CRM service; needs the storage ports and an `IdGenerator`. Provide an `Actor` per operation. */
export const layer = Layer.mergeAll(
  Access.Default,
  Dependents.Default,
  Team.Default,
  ApiKeys.Default,
  Clients.Default,
  Contacts.Default,
  Projects.Default,
  Tasks.Default,
  Allocations.Default,
  Interactions.Default,
  Opportunities.Default,
  Reviews.Default,
  SalesReports.Default,
  ClientReports.Default,
  DeliveryReports.Default,
  Tracking.Default,
  Timeline.Default,
  Search.Default,
  DataTransfer.Default,
  PersonalData.Default,
  EventFeed.Default,
  Idempotency.Default,
  WriteChecks.Default,
  EventWakeups.Default,
  derivedServices
)

/** The tag of a plain aggregate's derived service. */
export { serviceOf } from "./services/derived.js"

/** The services `Crm.layer` provides. */
export type Services = Layer.Layer.Success<typeof layer>

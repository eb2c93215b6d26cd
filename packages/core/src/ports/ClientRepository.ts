import { Context } from "effect"
import type { Client, ClientFilter, ClientSortField } from "../domain/Client.js"
import type { ClientId } from "../domain/Ids.js"
import type { Repository } from "./Repository.js"

/** Storage of clients. */
export interface ClientRepositoryService extends Repository<Client, ClientId, ClientFilter, ClientSortField> {}

/** Storage of clients. */
export class ClientRepository extends Context.Tag("@agency-crm/core/ClientRepository")<
  ClientRepository,
  ClientRepositoryService
>() {}

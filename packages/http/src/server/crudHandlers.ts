import type { WriteOptions } from "@agency-crm/core"
import type { HttpApiBuilder, HttpApiEndpoint } from "@effect/platform"
import { Effect } from "effect"
import { conditional, withEtag } from "./conditional.js"

type Crud = "list" | "create" | "get" | "update" | "remove"
type Op<
  Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any,
  N extends string
> = HttpApiEndpoint.HttpApiEndpoint.WithName<Endpoints, N>
type Success<
  Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any,
  N extends string
> = HttpApiEndpoint.HttpApiEndpoint.Success<Op<Endpoints, N>>
type Failure<Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any, N extends string, E> =
  HttpApiEndpoint.HttpApiEndpoint.Error<Op<Endpoints, N>> | E
type Id<Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any> =
  HttpApiEndpoint.HttpApiEndpoint.PathParsed<Op<Endpoints, "get">> extends { readonly id: infer I } ? I : never

/** The CRUD operations of a service, typed by the endpoints they serve: each may fail only with what its endpoint
 * (or the whole API) declares, so an error left undeclared is a compile error, not a 500. */
export interface CrudService<Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any, E, R> {
  readonly list: (
    query: HttpApiEndpoint.HttpApiEndpoint.UrlParams<Op<Endpoints, "list">>
  ) => Effect.Effect<Success<Endpoints, "list">, Failure<Endpoints, "list", E>, R>
  readonly create: (
    input: HttpApiEndpoint.HttpApiEndpoint.Payload<Op<Endpoints, "create">>
  ) => Effect.Effect<Success<Endpoints, "create">, Failure<Endpoints, "create", E>, R>
  readonly get: (id: Id<Endpoints>) => Effect.Effect<Success<Endpoints, "get">, Failure<Endpoints, "get", E>, R>
  readonly update: (
    id: Id<Endpoints>,
    patch: HttpApiEndpoint.HttpApiEndpoint.Payload<Op<Endpoints, "update">>,
    options: WriteOptions
  ) => Effect.Effect<Success<Endpoints, "update">, Failure<Endpoints, "update", E>, R>
  readonly remove: (id: Id<Endpoints>, options: WriteOptions) => Effect.Effect<void, Failure<Endpoints, "remove", E>, R>
}

const tagged = (result: unknown) =>
  typeof result === "object" && result !== null && "version" in result
    ? withEtag(result as { readonly version: number })
    : Effect.succeed(result)

/** Handles the five CRUD endpoints of a `crudGroup` with a service's operations: ETags on the entities answered,
 * `If-Match` on the writes. */
export const crudHandlers = <E, Provides, R, Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any, R1>(
  handlers: HttpApiBuilder.Handlers<E, Provides, R, Endpoints>,
  service: CrudService<Endpoints, E, R1>,
  options: {
    /** The entity whose version is the ETag of a create's answer, when the answer is not the entity itself. */
    readonly createdEntity?: (created: Success<Endpoints, "create">) => { readonly version: number }
  } = {}
): HttpApiBuilder.Handlers<
  E,
  Provides,
  R | Exclude<R1, Provides>,
  HttpApiEndpoint.HttpApiEndpoint.ExcludeName<Endpoints, Crud>
> => {
  const h = handlers as any
  return h
    .handle("list", ({ urlParams }: any) => service.list(urlParams))
    .handle("create", ({ payload }: any) =>
      options.createdEntity === undefined
        ? Effect.flatMap(service.create(payload), tagged)
        : Effect.tap(service.create(payload), (created) => withEtag(options.createdEntity!(created)))
    )
    .handle("get", ({ path }: any) => Effect.flatMap(service.get(path.id), tagged))
    .handle("update", ({ headers, path, payload }: any) =>
      Effect.flatMap(
        conditional(headers, (options) => service.update(path.id, payload, options)),
        tagged
      )
    )
    .handle("remove", ({ headers, path }: any) => conditional(headers, (options) => service.remove(path.id, options)))
}

/** Handles the `archive` and `restore` endpoints of an archivable aggregate's group (see `archiveEndpoint`) with a
 * service's operations: conditional on `If-Match`, answering the entity with its version as ETag. */
export const archiveHandlers = <E, Provides, R, Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any, R1>(
  handlers: HttpApiBuilder.Handlers<E, Provides, R, Endpoints>,
  service: {
    readonly [K in "archive" | "restore"]: (
      id: HttpApiEndpoint.HttpApiEndpoint.PathParsed<Op<Endpoints, K>> extends { readonly id: infer I } ? I : never,
      options: WriteOptions
    ) => Effect.Effect<Success<Endpoints, K> & { readonly version: number }, Failure<Endpoints, K, E>, R1>
  }
): HttpApiBuilder.Handlers<
  E,
  Provides,
  R | Exclude<R1, Provides>,
  HttpApiEndpoint.HttpApiEndpoint.ExcludeName<Endpoints, "archive" | "restore">
> => {
  const operations = service as Record<
    "archive" | "restore",
    (id: unknown, options: WriteOptions) => Effect.Effect<any, any, any>
  >
  const lifecycle =
    (name: "archive" | "restore") =>
    ({ headers, path }: any) =>
      Effect.flatMap(
        conditional(headers, (options) => operations[name](path.id, options)),
        withEtag
      )
  return (handlers as any).handle("archive", lifecycle("archive")).handle("restore", lifecycle("restore"))
}

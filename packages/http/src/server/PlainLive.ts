import { type AnyAggregate, type PlainAggregate, plainAggregates, serviceOf, type ServiceOf } from "@agency-crm/core"
import { HttpApiBuilder, type HttpApiGroup } from "@effect/platform"
import { Effect, Layer } from "effect"
import { CrmApi } from "../api/Api.js"
import { groupName, type PlainGroupNames } from "../api/plainGroups.js"
import { compiledResponses } from "./compiledResponses.js"
import { archiveHandlers, crudHandlers } from "./crudHandlers.js"

// Group names here are only known at run time, so the builder is called untyped; `PlainLive`'s type restores them.
const group = HttpApiBuilder.group as (
  api: unknown,
  name: string,
  build: (handlers: any) => any
) => Layer.Layer<any, never, any>

const handlersOf = (aggregate: AnyAggregate) =>
  group(CrmApi, groupName(aggregate), (handlers) =>
    Effect.map(
      Effect.map(serviceOf(aggregate), (service: any) => {
        const crud = crudHandlers(handlers, service)
        return aggregate.archivable === undefined ? crud : archiveHandlers(crud, service)
      }),
      compiledResponses
    )
  )

/** The handlers of every plain aggregate's group, each on its derived service. */
export const PlainLive = plainAggregates.reduce(
  (layer: Layer.Layer<any, never, any>, aggregate) => Layer.merge(layer, handlersOf(aggregate)),
  Layer.empty as unknown as Layer.Layer<any, never, any>
) as Layer.Layer<HttpApiGroup.ApiGroup<"agency-crm", PlainGroupNames>, never, ServiceOf<PlainAggregate["name"]>>

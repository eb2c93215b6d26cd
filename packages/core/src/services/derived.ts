import { Context, type Effect, Layer } from "effect"
import type { AnyAggregate } from "../aggregate/Aggregate.js"
import { pascalCase } from "../aggregate/names.js"
import { plainAggregates, type Registered } from "../aggregate/registry.js"
import { Access } from "./Access.js"
import { crudService } from "./crudService.js"
import { Dependents } from "./Dependents.js"
import { UnitOfWork } from "./UnitOfWork.js"

/** The registered aggregates declared `plain`: their services and endpoints are derived. */
export type PlainAggregate = Extract<Registered, { readonly plain: true }>

/** The identifier of the derived service of the aggregate `Name`. */
export interface ServiceOf<Name extends string> {
  readonly serviceOf: Name
}

/** The derived service of a plain aggregate: create, get, list, update and remove. */
export type DerivedService<G extends AnyAggregate> = Effect.Effect.Success<ReturnType<typeof crudService<G>>>

const tags = new Map<string, Context.Tag<any, any>>()

/** The tag of a plain aggregate's derived service: `const markets = yield* Crm.serviceOf(marketAggregate)`. */
export const serviceOf = <G extends AnyAggregate>(
  aggregate: G
): Context.Tag<ServiceOf<G["name"]>, DerivedService<G>> => {
  let tag = tags.get(aggregate.name)
  if (tag === undefined) {
    tag = Context.GenericTag<ServiceOf<G["name"]>, DerivedService<G>>(
      `@agency-crm/core/${pascalCase(aggregate.plural)}`
    )
    tags.set(aggregate.name, tag)
  }
  return tag
}

/** The derived services of every plain aggregate. */
export const derivedServices = Layer.provide(
  plainAggregates.reduce<Layer.Layer<any, never, any>>(
    (layer, aggregate) => Layer.merge(layer, Layer.effect(serviceOf(aggregate), crudService(aggregate))),
    Layer.empty as unknown as Layer.Layer<any, never, any>
  ),
  Layer.mergeAll(Access.Default, Dependents.Default, UnitOfWork.Default)
) as Layer.Layer<ServiceOf<PlainAggregate["name"]>, never, Layer.Layer.Context<typeof Access.Default>>

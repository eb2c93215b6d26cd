import { Context } from "effect"
import { allocationAggregate } from "../domain/Allocation.js"
import { apiKeyAggregate } from "../domain/ApiKey.js"
import { clientAggregate } from "../domain/Client.js"
import { contactAggregate } from "../domain/Contact.js"
import { interactionAggregate } from "../domain/Interaction.js"
import { marketAggregate } from "../domain/Market.js"
import { opportunityAggregate } from "../domain/Opportunity.js"
import { originationAggregate } from "../domain/Origination.js"
import { positionAggregate } from "../domain/Position.js"
import { projectAggregate } from "../domain/Project.js"
import { reviewAggregate } from "../domain/Review.js"
import { stageChangeAggregate } from "../domain/StageChange.js"
import { taskAggregate } from "../domain/Task.js"
import { teamMemberAggregate } from "../domain/TeamMember.js"
import type { AnyAggregate, OnDelete } from "./Aggregate.js"
import { fieldOf } from "./Filters.js"
import type { Repository } from "../ports/Repository.js"

/** Every aggregate of the CRM: adding one here is what wires it into the stores, the events, the policy and
 * the contract suite. Parents come before the entities that refer to them. */
export const aggregates = [
  teamMemberAggregate,
  apiKeyAggregate,
  originationAggregate,
  marketAggregate,
  positionAggregate,
  clientAggregate,
  contactAggregate,
  projectAggregate,
  opportunityAggregate,
  stageChangeAggregate,
  taskAggregate,
  allocationAggregate,
  interactionAggregate,
  reviewAggregate
] as const

/** Any registered aggregate. */
export type Registered = (typeof aggregates)[number]

/** The names of the registered aggregates. */
export type AggregateName = Registered["name"]

/** The repository ports of every registered aggregate. */
export type RepositoryPorts = Context.Tag.Identifier<Registered["repository"]>

/** The registered aggregate of an entity type. */
export const aggregateOf = Object.fromEntries(aggregates.map((a) => [a.name, a])) as unknown as {
  readonly [K in AggregateName]: Extract<Registered, { readonly name: K }>
}

/** A field of another aggregate that refers to an entity, and what deleting that entity does to it. */
export interface Dependent {
  readonly aggregate: AnyAggregate
  readonly field: string
  readonly onDelete: OnDelete
}

const dependentsByName = new Map<string, Array<Dependent>>()
for (const aggregate of aggregates as ReadonlyArray<AnyAggregate>) {
  for (const [field, reference] of Object.entries(aggregate.references)) {
    // A declaration error, not a runtime condition: fail on load, where every test sees it.
    if (!(reference.to in aggregateOf)) throw new Error(`${aggregate.name}.${field} refers to unknown ${reference.to}`)
    const filter = aggregate.filters[field]
    if (filter === undefined || filter.kind !== "eq" || fieldOf(field, filter) !== field) {
      throw new Error(`${aggregate.name}.${field} is a reference, so it needs the filter ${field}: Filters.eq(…)`)
    }
    const list = dependentsByName.get(reference.to) ?? []
    list.push({ aggregate, field, onDelete: reference.onDelete })
    dependentsByName.set(reference.to, list)
  }
}

/** The fields of other aggregates that refer to entities of `name`, in registry order. */
export const dependentsOf = (name: string): ReadonlyArray<Dependent> => dependentsByName.get(name) ?? []

/** A repository of any aggregate, as the shared machinery uses it. */
export type AnyRepository = Repository<any, string, any, string>

/** The repository of an aggregate in a context holding the storage ports. */
export const repositoryIn = (context: Context.Context<RepositoryPorts>, aggregate: AnyAggregate): AnyRepository =>
  Context.unsafeGet(context, aggregate.repository as unknown as Context.Tag<RepositoryPorts, AnyRepository>)

/** The repository ports of every registered aggregate, each made by `make`: how a storage adapter wires them. */
export const repositoryContext = (make: (aggregate: AnyAggregate) => AnyRepository): Context.Context<RepositoryPorts> =>
  (aggregates as ReadonlyArray<AnyAggregate>).reduce(
    (context, aggregate) =>
      Context.add(
        context,
        aggregate.repository as unknown as Context.Tag<RepositoryPorts, AnyRepository>,
        make(aggregate)
      ),
    Context.empty() as Context.Context<RepositoryPorts>
  )

/** The aggregates declared `plain`: their services and endpoints are derived. */
export const plainAggregates: ReadonlyArray<AnyAggregate> = (aggregates as ReadonlyArray<AnyAggregate>).filter(
  (aggregate) => aggregate.plain === true
)

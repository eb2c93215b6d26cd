import { Arbitrary, Effect, FastCheck, Schema } from "effect"
import type { AnyAggregate } from "../../aggregate/Aggregate.js"
import { fieldOf } from "../../aggregate/Filters.js"
import { aggregates } from "../../aggregate/registry.js"
import type { ListSpec } from "../../domain/Entity.js"
import { nullableFields } from "../../services/Crud.js"
import { modelOf } from "../../services/entityWrites.js"
import type { EntitySpec } from "./specs.js"
import type { World } from "./world.js"

// An aggregate the fixture world does not spell out still gets every contract case: its rows are sampled from
// its schema (a fixed seed, so every adapter sees the same rows) with their references pointed at fixture rows.

type Row = { readonly id: string; readonly version: number }

const fixtures = (world: World): Readonly<Record<string, ReadonlyArray<Row>>> => ({
  team_member: world.members,
  api_key: world.apiKeys,
  client: world.clients,
  contact: world.contacts,
  project: world.projects,
  task: world.tasks,
  allocation: world.allocations,
  interaction: world.interactions,
  review: world.reviews
})

/** The aggregates the fixture world has no rows of. */
export const generatedAggregates = (aggregates as ReadonlyArray<AnyAggregate>).filter(
  (aggregate) => !(aggregate.name in fixtures({} as World))
)

const cache = new WeakMap<World, Map<string, ReadonlyArray<Row>>>()

/** The rows of an aggregate in a world: its fixtures, or its sampled rows. */
export const rowsOf = (world: World, name: string): ReadonlyArray<Row> => {
  const fixed = fixtures(world)[name]
  if (fixed !== undefined) return fixed
  let generated = cache.get(world)
  if (generated === undefined) {
    generated = new Map()
    cache.set(world, generated)
  }
  const existing = generated.get(name)
  if (existing !== undefined) return existing
  const aggregate = generatedAggregates.find((a) => a.name === name)!
  const sampled = FastCheck.sample(Arbitrary.make(aggregate.schema), { seed: 20260101, numRuns: 8 }) as Array<Row>
  const model = modelOf(aggregate)
  const nulls = nullableFields(aggregate.schema)
  const rows = sampled.map((row, i) => {
    // References stay null where they may (fixture tests delete parents directly, and a store's foreign keys
    // would refuse); a required one names the last parent, which no fixture test deletes.
    const references: Record<string, unknown> = {}
    for (const [field, reference] of Object.entries(aggregate.references)) {
      const parents = rowsOf(world, reference.to)
      references[field] = field in nulls ? null : (parents[parents.length - 1]?.id ?? null)
    }
    return model.make({
      ...row,
      ...references,
      id: `00000000-0000-7000-8fff-${(0x100 + i).toString(16).padStart(12, "0")}`,
      version: 1
    }) as Row
  })
  generated.set(name, rows)
  return rows
}

/** Inserts the sampled rows of every aggregate the fixture world does not spell out. */
export const seedGenerated = (
  world: World,
  repositoryOf: (aggregate: AnyAggregate) => Effect.Effect<any, never, any>
) =>
  Effect.forEach(
    generatedAggregates,
    (aggregate) =>
      Effect.flatMap(repositoryOf(aggregate), (repository) =>
        Effect.forEach(rowsOf(world, aggregate.name), (row) => repository.insert(row), { discard: true })
      ),
    { discard: true }
  )

/** The contract cases' view of an aggregate without fixtures: every sort field, and each filter with the values
 * its sampled rows hold. */
export const generatedSpec = (
  aggregate: AnyAggregate,
  repository: EntitySpec<Row, any, string>["repository"]
): EntitySpec<Row, any, string> => {
  const model = modelOf(aggregate)
  const encode = Schema.encodeSync(aggregate.schema as Schema.Schema<Row, unknown>)
  return {
    name: `${aggregate.name} (sampled rows)`,
    repository,
    list: aggregate.list as ListSpec<Row, string>,
    sortFields: Object.keys(aggregate.sorts),
    matches: aggregate.matches,
    filters: (world) => {
      const rows = rowsOf(world, aggregate.name)
      return [
        {},
        ...Object.entries(aggregate.filters).flatMap(([name, filter]) => {
          const field = fieldOf(name, filter)
          const values = rows
            .map((row) => (row as unknown as Record<string, unknown>)[field])
            .filter((v) => v !== null && v !== undefined)
          switch (filter.kind) {
            case "isNull":
            case "isSet":
              return [{ [name]: true }, { [name]: false }]
            case "among":
              return values.length === 0 ? [] : [{ [name]: [values[0]] }]
            default:
              return values.length === 0 ? [] : [{ [name]: values[0] }, { [name]: values[values.length - 1] }]
          }
        })
      ]
    },
    rows: (world) => rowsOf(world, aggregate.name),
    bump: (row) => model.rebuild(row, { version: row.version + 1 }),
    removable: (world) => rowsOf(world, aggregate.name)[0]!,
    removeFilter: () => ({}),
    encode
  }
}

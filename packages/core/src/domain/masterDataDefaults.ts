import type { DateTime } from "effect"
import type { AnyAggregate } from "../aggregate/Aggregate.js"
import { DEFAULT_MARKETS, marketAggregate } from "./Market.js"
import type { DefaultEntry } from "./MasterData.js"
import { DEFAULT_ORIGINATIONS, originationAggregate } from "./Origination.js"
import { DEFAULT_POSITIONS, positionAggregate } from "./Position.js"

/** The master data a fresh store starts with: each list with its default entries. */
export const DEFAULT_MASTER_DATA: ReadonlyArray<{
  readonly aggregate: AnyAggregate
  readonly entries: ReadonlyArray<DefaultEntry>
}> = [
  { aggregate: originationAggregate, entries: DEFAULT_ORIGINATIONS },
  { aggregate: marketAggregate, entries: DEFAULT_MARKETS },
  { aggregate: positionAggregate, entries: DEFAULT_POSITIONS }
]

/** The default entries as stored entities, created at `at`. */
export const defaultMasterDataRows = (at: DateTime.Utc) =>
  DEFAULT_MASTER_DATA.map(({ aggregate, entries }) => ({
    aggregate,
    rows: entries.map((entry) => ({
      id: entry.id,
      name: entry.name,
      description: null,
      archivedAt: null,
      version: 1,
      createdAt: at,
      updatedAt: at
    }))
  }))

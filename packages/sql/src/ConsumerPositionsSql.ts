import { ConsumerPositions } from "@agency-crm/core"
import { Effect, Option } from "effect"
import type { Db } from "./sql.js"

/** Consumer positions, one row per consumer. */
export const makeConsumerPositions = (db: Db) =>
  ConsumerPositions.of({
    get: (consumer) =>
      Effect.map(
        db.run("consumer_positions.get", "SELECT position FROM consumer_positions WHERE consumer = ?", [consumer]),
        (rows) => Option.map(Option.fromNullable(rows[0]), (row) => Number((row as { position: number }).position))
      ),
    set: (consumer, sequence) =>
      Effect.asVoid(
        db.run(
          "consumer_positions.set",
          `INSERT INTO consumer_positions (consumer, position) VALUES (?, ?)
            ON CONFLICT (consumer) DO UPDATE SET position = excluded.position`,
          [consumer, sequence]
        )
      )
  })

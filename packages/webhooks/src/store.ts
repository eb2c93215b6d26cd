import { StorageError } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { DateTime, Effect, Option, Schema } from "effect"
import { DeliveryAttempt, type SubscriptionId, Subscription, type AttemptId } from "./domain.js"

/** A subscription with what the API never shows: its secrets. */
export interface StoredSubscription {
  readonly subscription: Subscription
  readonly secret: string
  readonly previousSecret: string | null
}

const SubscriptionRow = Schema.Struct({
  id: Schema.String,
  url: Schema.String,
  eventTypes: Schema.String,
  clientId: Schema.NullOr(Schema.String),
  projectId: Schema.NullOr(Schema.String),
  active: Schema.Number,
  state: Schema.String,
  failingSince: Schema.NullOr(Schema.Number),
  secret: Schema.String,
  previousSecret: Schema.NullOr(Schema.String),
  previousSecretValidUntil: Schema.NullOr(Schema.Number),
  position: Schema.Number,
  createdAt: Schema.Number,
  updatedAt: Schema.Number
})

const AttemptRow = Schema.Struct({
  id: Schema.String,
  subscriptionId: Schema.String,
  messageId: Schema.String,
  sequence: Schema.Number,
  eventType: Schema.String,
  attempt: Schema.Number,
  succeeded: Schema.Number,
  statusCode: Schema.NullOr(Schema.Number),
  latencyMs: Schema.Number,
  error: Schema.NullOr(Schema.String),
  attemptedAt: Schema.Number
})

// Names are listed, unquoted, and aliased to their camelCase: PostgreSQL folds unquoted names to lower case, and the
// aliases (quoted) bring the case back; SQLite takes the same text.
const columns = (names: ReadonlyArray<string>) =>
  names.map((name) => (name === name.toLowerCase() ? name : `${name} AS "${name}"`)).join(", ")
const subscriptionColumns = columns(Object.keys(SubscriptionRow.fields))
const attemptNames = Object.keys(AttemptRow.fields)
const attemptColumns = columns(attemptNames)

const millis = (value: DateTime.Utc | null) => (value === null ? null : DateTime.toEpochMillis(value))

const decodeSubscription = Schema.decodeUnknownSync(Subscription)
const decodeAttempt = Schema.decodeUnknownSync(DeliveryAttempt)

const toStored = (row: typeof SubscriptionRow.Type): StoredSubscription => ({
  subscription: decodeSubscription({
    id: row.id,
    url: row.url,
    eventTypes: JSON.parse(row.eventTypes),
    clientId: row.clientId,
    projectId: row.projectId,
    active: row.active === 1,
    state: row.state,
    failingSince: row.failingSince === null ? null : new Date(row.failingSince).toISOString(),
    position: row.position,
    previousSecretValidUntil:
      row.previousSecretValidUntil === null ? null : new Date(row.previousSecretValidUntil).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString()
  }),
  secret: row.secret,
  previousSecret: row.previousSecret
})

const toAttempt = (row: typeof AttemptRow.Type): DeliveryAttempt =>
  decodeAttempt({ ...row, succeeded: row.succeeded === 1, attemptedAt: new Date(row.attemptedAt).toISOString() })

const storageError = (operation: string) => (cause: unknown) =>
  new StorageError({ operation: `webhooks: ${operation}`, message: `webhooks: ${operation} failed`, cause })

/** The webhook tables over the store's SQL client. */
export const makeStore = Effect.map(SqlClient.SqlClient, (sql) => {
  const guard =
    (operation: string) =>
    <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.mapError(effect, storageError(operation))
  const subscriptionRows = Schema.decodeUnknown(Schema.Array(SubscriptionRow))
  const attemptRows = Schema.decodeUnknown(Schema.Array(AttemptRow))

  const all = guard("reading subscriptions")(
    Effect.map(
      Effect.flatMap(
        sql`SELECT ${sql.literal(subscriptionColumns)} FROM webhook_subscriptions ORDER BY id`,
        subscriptionRows
      ),
      (rows) => rows.map(toStored)
    )
  )

  const find = (id: SubscriptionId) =>
    guard("reading a subscription")(
      Effect.map(
        Effect.flatMap(
          sql`SELECT ${sql.literal(subscriptionColumns)} FROM webhook_subscriptions WHERE id = ${id}`,
          subscriptionRows
        ),
        (rows) => Option.map(Option.fromNullable(rows[0]), toStored)
      )
    )

  const page = (after: SubscriptionId | null, limit: number) =>
    guard("listing subscriptions")(
      Effect.map(
        Effect.flatMap(
          after === null
            ? sql`SELECT ${sql.literal(subscriptionColumns)} FROM webhook_subscriptions ORDER BY id LIMIT ${limit}`
            : sql`SELECT ${sql.literal(subscriptionColumns)} FROM webhook_subscriptions WHERE id > ${after} ORDER BY id LIMIT ${limit}`,
          subscriptionRows
        ),
        (rows) => rows.map(toStored)
      )
    )

  /** Inserts or updates a subscription; an update leaves its position alone (the worker's, or `setPosition`'s). */
  const save = (stored: StoredSubscription) => {
    const s = stored.subscription
    return guard("saving a subscription")(
      Effect.asVoid(sql`INSERT INTO webhook_subscriptions
        (id, url, eventTypes, clientId, projectId, active, state, failingSince, secret, previousSecret,
         previousSecretValidUntil, position, createdAt, updatedAt)
        VALUES (${s.id}, ${s.url}, ${JSON.stringify(s.eventTypes)}, ${s.clientId}, ${s.projectId}, ${s.active ? 1 : 0},
          ${s.state}, ${millis(s.failingSince)}, ${stored.secret}, ${stored.previousSecret},
          ${millis(s.previousSecretValidUntil)}, ${s.position}, ${millis(s.createdAt)}, ${millis(s.updatedAt)})
        ON CONFLICT (id) DO UPDATE SET url = excluded.url, eventTypes = excluded.eventTypes,
          clientId = excluded.clientId, projectId = excluded.projectId, active = excluded.active,
          state = excluded.state, failingSince = excluded.failingSince, secret = excluded.secret,
          previousSecret = excluded.previousSecret, previousSecretValidUntil = excluded.previousSecretValidUntil,
          updatedAt = excluded.updatedAt`)
    )
  }

  const remove = (id: SubscriptionId) =>
    guard("deleting a subscription")(Effect.asVoid(sql`DELETE FROM webhook_subscriptions WHERE id = ${id}`))

  /** Moves the delivery position (the worker's progress; it never touches the rest of the row). */
  const setPosition = (id: SubscriptionId, position: number) =>
    guard("saving a delivery position")(
      Effect.asVoid(sql`UPDATE webhook_subscriptions SET position = ${position} WHERE id = ${id}`)
    )

  /** Marks the subscription failing at `at`. */
  const markFailing = (id: SubscriptionId, at: DateTime.Utc) =>
    guard("marking a subscription failing")(
      Effect.asVoid(
        sql`UPDATE webhook_subscriptions SET state = 'failing', failingSince = ${millis(at)}, updatedAt = ${millis(at)}
          WHERE id = ${id}`
      )
    )

  /** Adds attempts to the delivery log, in one statement. */
  const logAttempts = (attempts: ReadonlyArray<DeliveryAttempt>) =>
    attempts.length === 0
      ? Effect.void
      : guard("writing the delivery log")(
          Effect.asVoid(
            sql`INSERT INTO webhook_attempts (${sql.literal(attemptNames.join(", "))}) VALUES ${sql.csv(
              attempts.map(
                (a) =>
                  sql`(${a.id}, ${a.subscriptionId}, ${a.messageId}, ${a.sequence}, ${a.eventType}, ${a.attempt},
                    ${a.succeeded ? 1 : 0}, ${a.statusCode}, ${a.latencyMs}, ${a.error},
                    ${DateTime.toEpochMillis(a.attemptedAt)})`
              )
            )}`
          )
        )

  /** A subscription's delivery log, newest first, before the attempt `before` when given. */
  const attempts = (id: SubscriptionId, before: AttemptId | null, limit: number) =>
    guard("reading the delivery log")(
      Effect.map(
        Effect.flatMap(
          before === null
            ? sql`SELECT ${sql.literal(attemptColumns)} FROM webhook_attempts WHERE subscriptionId = ${id} ORDER BY id DESC LIMIT ${limit}`
            : sql`SELECT ${sql.literal(attemptColumns)} FROM webhook_attempts WHERE subscriptionId = ${id} AND id < ${before}
                ORDER BY id DESC LIMIT ${limit}`,
          attemptRows
        ),
        (rows) => rows.map(toAttempt)
      )
    )

  const attempt = (id: AttemptId) =>
    guard("reading an attempt")(
      Effect.map(
        Effect.flatMap(sql`SELECT ${sql.literal(attemptColumns)} FROM webhook_attempts WHERE id = ${id}`, attemptRows),
        (rows) => Option.map(Option.fromNullable(rows[0]), toAttempt)
      )
    )

  /** Writes delivery progress in one transaction: attempts for the log and subscriptions' positions. */
  const flush = (batch: ReadonlyArray<DeliveryAttempt>, positions: ReadonlyMap<SubscriptionId, number>) =>
    sql
      .withTransaction(
        Effect.zipRight(
          logAttempts(batch),
          Effect.forEach(positions, ([id, position]) => setPosition(id, position), { discard: true })
        )
      )
      .pipe(Effect.mapError(storageError("writing delivery progress")))

  return { all, find, page, save, remove, setPosition, markFailing, logAttempts, attempts, attempt, flush } as const
})

/** The webhook tables. */
export type WebhookStore = Effect.Effect.Success<typeof makeStore>

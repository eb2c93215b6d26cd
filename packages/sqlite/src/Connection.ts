import { SqlClient, type SqlConnection, Statement } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import { SqliteClient } from "@effect/sql-sqlite-node"
import Sqlite from "better-sqlite3"
import { Context, Effect, Either, Exit, FiberRef, Scope, Tracer } from "effect"

/** Runs one statement straight on the connection: a cached prepared statement, no per-call pipeline. */
export interface DirectRunner {
  readonly rows: (text: string, params: ReadonlyArray<unknown>) => Effect.Effect<ReadonlyArray<any>, SqlError>
  /** Calls `listener` with the text of every statement run directly until the returned function is called
   * (for tests that inspect the statements, such as the query-plan check). */
  readonly observe: (listener: (text: string) => void) => () => void
  /** Runs `effect` in a transaction that begins with `BEGIN IMMEDIATE` (a savepoint when nested); failures to
   * begin or commit are `SqlError`s after rollback. */
  readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>
}

const runners = new WeakMap<SqlClient.SqlClient, DirectRunner>()

/** The direct runner of a client made by `makeClient`, if `sql` is one. */
export const directRunnerOf = (sql: SqlClient.SqlClient): DirectRunner | undefined => runners.get(sql)

const failed = (message: string) => (cause: unknown) => new SqlError({ cause, message })

/**
 * An @effect/sql client on one better-sqlite3 connection, like `@effect/sql-sqlite-node`'s (same semaphore
 * discipline: one operation or one transaction at a time), plus a direct runner for the adapter's own
 * statements. The stock statement path costs ~20 µs a statement on top of the driver's ~4 µs (its TTL cache
 * of prepared statements, span and compile steps); the adapter runs every repository statement, so it
 * keeps its prepared statements in a plain map and runs them synchronously: inside a transaction on the
 * transaction's connection, otherwise under the same semaphore.
 */
export const makeClient = (options: { readonly filename: string; readonly prepareCacheSize: number }) =>
  Effect.gen(function* () {
    const db = yield* Effect.acquireRelease(
      Effect.try({ try: () => new Sqlite(options.filename), catch: failed(`Failed to open ${options.filename}`) }),
      (db) => Effect.sync(() => db.close())
    )
    const cache = new Map<string, Sqlite.Statement>()
    const prepare = (text: string): Sqlite.Statement => {
      const cached = cache.get(text)
      if (cached !== undefined) return cached
      const statement = db.prepare(text)
      if (cache.size >= options.prepareCacheSize) cache.delete(cache.keys().next().value!)
      cache.set(text, statement)
      return statement
    }
    const execute = (statement: Sqlite.Statement, params: ReadonlyArray<unknown>): ReadonlyArray<any> => {
      if (statement.reader) return statement.all(...params)
      statement.run(...params)
      return []
    }
    const attempt = <A>(run: () => A) => Effect.try({ try: run, catch: failed("Failed to execute statement") })
    // An Either is an Effect that needs no fiber step of its own: the cheapest way to hand back rows.
    const runNow = (text: string, params: ReadonlyArray<unknown>): Either.Either<ReadonlyArray<any>, SqlError> => {
      try {
        return Either.right(execute(prepare(text), params))
      } catch (cause) {
        return Either.left(failed("Failed to execute statement")(cause))
      }
    }

    const connection: SqlConnection.Connection = {
      execute: (text, params, transformRows) =>
        attempt(() => {
          const rows = execute(prepare(text), params)
          return transformRows === undefined ? rows : transformRows(rows)
        }),
      executeRaw: (text, params) => attempt(() => prepare(text).run(...params) as unknown as ReadonlyArray<any>),
      executeValues: (text, params) =>
        attempt(() => {
          const statement = prepare(text)
          if (!statement.reader) {
            statement.run(...params)
            return []
          }
          statement.raw(true)
          try {
            return statement.all(...params) as ReadonlyArray<ReadonlyArray<unknown>>
          } finally {
            statement.raw(false)
          }
        }),
      executeUnprepared: (text, params, transformRows) =>
        attempt(() => {
          const rows = execute(db.prepare(text), params ?? [])
          return transformRows === undefined ? rows : transformRows(rows)
        }),
      executeStream: () => Effect.dieMessage("executeStream is not supported by the SQLite adapter")
    }

    const semaphore = yield* Effect.makeSemaphore(1)
    // How many holders keep the connection across an asynchronous gap (an open transaction, a backup). While
    // there are none, a statement run synchronously cannot interleave with anyone: it needs no permit.
    let held = 0
    const hold = Effect.sync(() => {
      held++
    })
    const unhold = Effect.sync(() => {
      held--
    })
    const acquirer = semaphore.withPermits(1)(Effect.succeed(connection))
    const transactionAcquirer = Effect.uninterruptibleMask((restore) =>
      Effect.as(
        Effect.zipRight(
          Effect.zipRight(restore(semaphore.take(1)), hold),
          Effect.tap(Effect.scope, (scope) => Scope.addFinalizer(scope, Effect.zipRight(unhold, semaphore.release(1))))
        ),
        connection
      )
    )
    const client = yield* SqlClient.make({
      acquirer,
      compiler: Statement.makeCompilerSqlite(),
      transactionAcquirer,
      spanAttributes: [["db.system.name", "sqlite"]]
    })
    const sqlite = Object.assign(client, {
      [SqliteClient.TypeId]: SqliteClient.TypeId,
      config: { filename: options.filename, prepareCacheSize: options.prepareCacheSize },
      export: semaphore.withPermits(1)(attempt(() => db.serialize() as Uint8Array)),
      backup: (destination: string) =>
        semaphore.withPermits(1)(
          Effect.acquireUseRelease(
            hold,
            () =>
              Effect.tryPromise({ try: () => db.backup(destination), catch: failed("Failed to back up the database") }),
            () => unhold
          )
        ),
      loadExtension: (path: string) =>
        semaphore.withPermits(1)(
          attempt(() => {
            db.loadExtension(path)
            cache.clear()
          })
        )
    }) as unknown as SqliteClient.SqliteClient

    // A transaction on the connection itself, for the adapter's writes. Unlike @effect/sql's generic one it
    // runs BEGIN, COMMIT and ROLLBACK synchronously from the statement cache (~20 µs less per write) and keeps
    // every failure typed: a BEGIN that fails (the database is locked past busy_timeout) or a COMMIT that fails
    // is a SqlError after the transaction is rolled back, not a defect from rolling back nothing. Statements
    // run through the stock client join it through the same TransactionConnection; nested calls (ours or
    // sql.withTransaction) are savepoints.
    const step = (text: string): SqlError | undefined => {
      try {
        prepare(text).run()
        return undefined
      } catch (cause) {
        return failed(`Failed to execute ${text}`)(cause)
      }
    }
    const rollback = (): SqlError | undefined => (db.inTransaction ? step("ROLLBACK") : undefined)
    const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | SqlError, R> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.useSpan(
          "sql.transaction",
          { kind: "client", captureStackTrace: false, attributes: { "db.system.name": "sqlite" } },
          (span) =>
            Effect.contextWithEffect((context: Context.Context<never>): Effect.Effect<A, E | SqlError, R> => {
              const outer = Context.getOption(context, SqlClient.TransactionConnection)
              const depth = outer._tag === "Some" ? outer.value[1] + 1 : 0
              const inner = Context.add(
                Context.add(context, SqlClient.TransactionConnection, [connection, depth] as const),
                Tracer.ParentSpan,
                span
              )
              const settle = (exit: Exit.Exit<A, E>, failure: SqlError | undefined): Effect.Effect<A, E | SqlError> =>
                failure === undefined ? exit : Effect.fail(failure)
              const body = Effect.exit(Effect.locally(restore(effect), FiberRef.currentContext, inner))
              if (depth > 0) {
                const name = `crm_${depth}`
                const begun = step(`SAVEPOINT ${name}`)
                if (begun !== undefined) return Effect.fail(begun)
                return Effect.flatMap(body, (exit) => {
                  const failure = Exit.isSuccess(exit)
                    ? step(`RELEASE SAVEPOINT ${name}`)
                    : (step(`ROLLBACK TO SAVEPOINT ${name}`) ?? step(`RELEASE SAVEPOINT ${name}`))
                  return settle(exit, failure)
                })
              }
              return Effect.flatMap(restore(semaphore.take(1)), () => {
                held++
                const release = (): Effect.Effect<void> => {
                  held--
                  return Effect.asVoid(semaphore.release(1))
                }
                const begun = step("BEGIN IMMEDIATE")
                if (begun !== undefined) return Effect.zipRight(release(), Effect.fail(begun))
                return Effect.flatMap(body, (exit) => {
                  const committed = Exit.isSuccess(exit) ? step("COMMIT") : undefined
                  // A failed body, or a COMMIT that failed and left the transaction open, is rolled back; a
                  // connection that cannot even roll back is not one anything after this can trust.
                  const unrolled = Exit.isSuccess(exit) && committed === undefined ? undefined : rollback()
                  if (unrolled !== undefined) return Effect.zipRight(release(), Effect.die(unrolled))
                  return Effect.zipRight(release(), settle(exit, committed))
                })
              })
            })
        )
      )

    const listeners = new Set<(text: string) => void>()
    runners.set(sqlite, {
      transaction,
      observe: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      rows: (text, params) =>
        Effect.contextWithEffect((context) => {
          if (listeners.size > 0) for (const listener of listeners) listener(text)
          // Inside a transaction this fiber holds the connection already; outside one, a statement waits only
          // while someone else holds it.
          if (held === 0 || Context.getOption(context, SqlClient.TransactionConnection)._tag === "Some") {
            return runNow(text, params)
          }
          return semaphore.withPermits(1)(Effect.suspend(() => runNow(text, params)))
        })
    })
    return sqlite
  })

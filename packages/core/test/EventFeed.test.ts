import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Layer, Ref, Stream } from "effect"
import { Actor, ApiKeys, Crm, type DomainEvent, EventFeed, EventLog, IdGenerator, Team } from "../src/index.js"
import { MemoryStore } from "../src/testing/index.js"
import { asMember, asSystem, hire } from "./support.js"

/** The services over a memory store whose event log counts its `readAfter` calls. */
const countingLayer = (reads: Ref.Ref<number>) => {
  const CountingLog = Layer.effect(
    EventLog,
    Effect.map(EventLog, (log) =>
      EventLog.of({
        ...log,
        readAfter: (after, limit, filter) =>
          Effect.zipRight(
            Ref.update(reads, (n) => n + 1),
            log.readAfter(after, limit, filter)
          )
      })
    )
  )
  return Crm.layer.pipe(
    Layer.provide(CountingLog),
    Layer.provideMerge(MemoryStore.layer),
    Layer.provideMerge(IdGenerator.layerSequential),
    Layer.merge(Layer.succeed(Actor, Actor.system))
  )
}

const newMember = (i: number) =>
  asSystem(Effect.flatMap(Team, (team) => team.create({ name: `M${i}`, email: `m${i}@agency.test` })))

/** Waits (yielding to other fibers) until `done` holds, or gives up after `rounds` rounds. */
const until = (done: () => boolean, rounds = 10_000) =>
  Effect.gen(function* () {
    for (let i = 0; i < rounds && !done(); i++) yield* Effect.yieldNow()
    return done()
  })

describe("the event feed's shared tail", () => {
  it.scoped("reads each committed event once, whatever the number of subscribers", () =>
    Effect.gen(function* () {
      const reads = yield* Ref.make(0)
      const measure = (subscribers: number) =>
        Effect.gen(function* () {
          const feed = yield* EventFeed
          const start = (yield* feed.readAfter(0, 1_000)).length
          const received: Array<Array<number>> = Array.from({ length: subscribers }, () => [])
          for (const seen of received) {
            yield* Effect.forkScoped(
              feed.subscribe(
                start,
                {},
                {
                  catchUp: (events) => Effect.sync(() => seen.push(...events.map((e) => e.sequence))),
                  live: (events) => {
                    seen.push(...events.map((e) => e.sequence))
                    return true
                  },
                  ended: () => undefined
                }
              )
            )
          }
          yield* until(() => false, 50)
          yield* Ref.set(reads, 0)
          for (let i = 0; i < 20; i++) yield* newMember(subscribers * 100 + i)
          assert.isTrue(yield* until(() => received.every((seen) => seen.length === 20)))
          // Every subscriber saw the 20 events in order, each once.
          const expected = Array.from({ length: 20 }, (_, i) => start + i + 1)
          for (const seen of received) assert.deepStrictEqual(seen, expected)
          return yield* Ref.get(reads)
        }).pipe(Effect.scoped, Effect.provide(countingLayer(reads)))
      const one = yield* measure(1)
      const many = yield* measure(250)
      // At most one read that finds the write's event and one that finds nothing, per write: not per subscriber.
      assert.isAtMost(one, 2 * 20 + 2)
      assert.isAtMost(many, 2 * 20 + 2)
    })
  )

  it.scoped("a subscriber that joins while others write catches up and goes live without a gap or a duplicate", () =>
    Effect.gen(function* () {
      const feed = yield* EventFeed
      for (let i = 0; i < 30; i++) yield* newMember(i)
      const writer = yield* Effect.fork(
        Effect.forEach(
          Array.from({ length: 60 }, (_, i) => 100 + i),
          newMember
        )
      )
      const streams = yield* Effect.forEach([0, 5, 17, 29], (after) =>
        Effect.fork(feed.stream(after).pipe(Stream.take(90 - after), Stream.runCollect))
      )
      yield* Fiber.join(writer)
      for (const [i, after] of [0, 5, 17, 29].entries()) {
        const events = Chunk.toReadonlyArray(yield* Fiber.join(streams[i]!))
        assert.deepStrictEqual(
          events.map((e) => e.sequence),
          Array.from({ length: 90 - after }, (_, k) => after + k + 1)
        )
      }
    }).pipe(Effect.provide(countingLayer(Effect.runSync(Ref.make(0)))))
  )

  it.scoped("a subscriber whose sink is full is dropped; the others keep receiving", () =>
    Effect.gen(function* () {
      const feed = yield* EventFeed
      const start = (yield* feed.readAfter(0, 100)).length
      let ended = false
      const slow: Array<DomainEvent> = []
      const fast: Array<DomainEvent> = []
      yield* Effect.forkScoped(
        feed.subscribe(
          start,
          {},
          {
            catchUp: () => Effect.void,
            live: (events) => {
              // Room for two events: a batch that does not fit ends the subscription.
              if (slow.length + events.length > 2) return false
              slow.push(...events)
              return true
            },
            ended: () => {
              ended = true
            }
          }
        )
      )
      yield* Effect.forkScoped(
        feed.subscribe(
          start,
          {},
          {
            catchUp: (events) => Effect.sync(() => fast.push(...events)),
            live: (events) => {
              fast.push(...events)
              return true
            },
            ended: () => undefined
          }
        )
      )
      yield* until(() => false, 50)
      for (let i = 0; i < 5; i++) yield* newMember(i)
      assert.isTrue(yield* until(() => fast.length === 5 && ended))
      assert.isAtMost(slow.length, 2)
      assert.strictEqual(yield* feed.subscriberCount, 1)
    }).pipe(Effect.provide(countingLayer(Effect.runSync(Ref.make(0)))))
  )

  it.scoped("leaves out events of entities the actor may not read: a viewer gets no API-key events", () =>
    Effect.gen(function* () {
      const feed = yield* EventFeed
      const admin = yield* hire("Ada", "ada@agency.test", "admin")
      const viewer = yield* hire("Vera", "vera@agency.test", "viewer")
      const seen = (actor: typeof admin) =>
        asMember(actor)(
          feed.stream(0).pipe(
            Stream.takeUntil((e) => e.entityType === "team_member" && e.type === "team_member.updated"),
            Stream.runCollect
          )
        )
      const forViewer = yield* Effect.fork(seen(viewer))
      const forAdmin = yield* Effect.fork(seen(admin))
      yield* asSystem(Effect.flatMap(ApiKeys, (keys) => keys.create({ memberId: admin.id, name: "laptop" })))
      yield* asSystem(Effect.flatMap(Team, (team) => team.update(viewer.id, { title: "Analyst" })))
      const viewerTypes = Chunk.toReadonlyArray(yield* Fiber.join(forViewer)).map((e) => e.entityType)
      const adminTypes = Chunk.toReadonlyArray(yield* Fiber.join(forAdmin)).map((e) => e.entityType)
      assert.notInclude(viewerTypes, "api_key")
      assert.include(adminTypes, "api_key")
      // The same through catch-up reads.
      const read = yield* asMember(viewer)(feed.readAfter(0, 1_000))
      assert.isFalse(read.some((e) => e.entityType === "api_key"))
    }).pipe(Effect.provide(countingLayer(Effect.runSync(Ref.make(0)))))
  )
})

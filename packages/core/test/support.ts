import { Effect, Layer, TestClock } from "effect"
import { Actor, Crm, IdGenerator, type Role, type TeamMember, Team } from "../src/index.js"
import { MemoryStore } from "../src/testing/index.js"

/** All services over a fresh in-memory store with deterministic ids. */
export const TestLayer = Crm.layer.pipe(
  Layer.provideMerge(MemoryStore.layer),
  Layer.provideMerge(IdGenerator.layerSequential),
  // Reads need an actor too; tests that check the policy act as a specific member.
  Layer.merge(Layer.succeed(Actor, Actor.system))
)

/** Sets the test clock to an ISO instant. */
export const setNow = (iso: string) => TestClock.setTime(Date.parse(iso))

/** Runs an effect as the system actor. */
export const asSystem = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provideService(effect, Actor, Actor.system)

/** Runs an effect as a team member. */
export const asMember =
  (member: Pick<TeamMember, "id">) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.provideService(effect, Actor, Actor.member(member.id))

/** Creates a team member as the system; an admin unless `role` says otherwise (the tests of the domain rules
 * act as members allowed everything; the policy tests choose roles). */
export const hire = (name: string, email: string, role: Role = "admin") =>
  asSystem(Effect.flatMap(Team, (team) => team.create({ name, email, role })))

/** Runs `effect` and returns its failure; fails the test if it succeeds. */
export const failure = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.flip(effect), (e) => Effect.succeed(e))

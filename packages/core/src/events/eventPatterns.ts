import type { AggregateName } from "../aggregate/registry.js"
import type { EventType } from "./DomainEvent.js"

/** Which event types a consumer or a check wants: one type, every type of an entity (`task.*`), or all (`*`). */
export type EventPattern = EventType | `${AggregateName}.*` | "*"

/** Whether `type` is one of the types `pattern` names. */
export const eventTypeMatches = (pattern: string, type: string): boolean =>
  pattern === "*" || pattern === type || (pattern.endsWith(".*") && type.startsWith(pattern.slice(0, -1)))

/** Whether `type` is one of the types any of `patterns` names. */
export const anyPatternMatches = (patterns: ReadonlyArray<string>, type: string): boolean =>
  patterns.some((pattern) => eventTypeMatches(pattern, type))

/** The event types `pattern` names among `known`; empty when it names none (a typo). */
export const typesOf = (pattern: string, known: ReadonlyArray<string>): ReadonlyArray<string> =>
  known.filter((type) => eventTypeMatches(pattern, type))

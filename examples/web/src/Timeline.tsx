import type { DomainEvent, FieldChange, Interaction, TimelineEntry } from "@agency-crm/core"
import { DateTime } from "effect"
import { day, words } from "./text.js"

// Ids, times and bookkeeping say nothing to a reader; names, statuses and amounts do.
const telling = (change: FieldChange) => !/(Id|Ids|At|version|reachedStages)$/.test(change.field)

/** A change's new value in a few words: short scalars as they are, anything longer or structured by its name. */
const changeText = (change: FieldChange) => {
  const after = change.after
  const short = (typeof after === "string" && after.length <= 40) || typeof after === "number"
  // Codes (statuses, stages) read as words; other text as it was written.
  const value = typeof after === "string" && /^[a-z_]+$/.test(after) ? words(after) : after
  return short ? `${words(change.field)}: ${value}` : words(change.field)
}

/** A timeline, newest first: interactions (when they occurred) and recorded changes, each dated. */
export const TimelineList = ({
  entries,
  heading,
  id
}: {
  readonly entries: ReadonlyArray<TimelineEntry>
  readonly heading: string
  readonly id: string
}) => (
  <section aria-labelledby={id}>
    <h2 id={id}>{heading}</h2>
    {entries.length === 0 ? (
      <p class="empty">Nothing yet.</p>
    ) : (
      <ol class="cards">
        {entries.map((entry) =>
          entry.kind === "interaction" ? (
            <li key={`i-${entry.interaction.id}`}>
              <time dateTime={DateTime.formatIso(entry.at)}>{day(entry.at)}</time>
              <span class="kind">{words(entry.interaction.kind)}</span>{" "}
              <a href={`#/interactions/${entry.interaction.id}`}>{entry.interaction.summary}</a>
              {entry.interaction.nextStep !== null && <span class="due">next: {entry.interaction.nextStep}</span>}
            </li>
          ) : (
            <li key={`e-${entry.event.sequence}`}>
              <time dateTime={DateTime.formatIso(entry.at)}>{day(entry.at)}</time>
              <span class="kind">{words(entry.event.type)}</span>
              {entry.event.changes.length > 0 && (
                <span class="due">{entry.event.changes.filter(telling).slice(0, 4).map(changeText).join(", ")}</span>
              )}
            </li>
          )
        )}
      </ol>
    )}
  </section>
)

/** Interactions and recorded changes as one timeline, newest first. */
export const mergeTimeline = (
  interactions: ReadonlyArray<Interaction>,
  events: ReadonlyArray<DomainEvent>
): ReadonlyArray<TimelineEntry> =>
  [
    ...interactions.map((interaction) => ({ kind: "interaction" as const, at: interaction.occurredAt, interaction })),
    ...events.map((event) => ({ kind: "change" as const, at: event.occurredAt, event }))
  ].sort((a, b) => DateTime.toEpochMillis(b.at) - DateTime.toEpochMillis(a.at))

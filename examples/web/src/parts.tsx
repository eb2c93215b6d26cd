import type { Opportunity, Task } from "@agency-crm/core"
import type { ComponentChildren } from "preact"
import { useState } from "preact/hooks"
import { Failed } from "./Failed.js"
import type { Loaded } from "./load.js"
import { words } from "./text.js"

/** What a page shows until its data is there: the server's refusal, or a loading line. */
export const NotReady = ({ loaded, what }: { readonly loaded: Loaded<unknown>; readonly what: string }) =>
  loaded.state === "failed" ? <Failed message={loaded.message} /> : <p aria-busy="true">Loading {what}…</p>

/** A loaded list: the refusal, a loading line, an empty line, or its cards. */
export const Listing = <A,>({
  children,
  empty,
  loaded,
  what
}: {
  readonly loaded: Loaded<{ readonly items: ReadonlyArray<A> }>
  /** What is loading, as "Loading …" names it. */
  readonly what: string
  readonly empty: string
  readonly children: (items: ReadonlyArray<A>) => ComponentChildren
}) =>
  loaded.state !== "ready" ? (
    <NotReady loaded={loaded} what={what} />
  ) : loaded.value.items.length === 0 ? (
    <p class="empty">{empty}</p>
  ) : (
    <ul class="cards">{children(loaded.value.items)}</ul>
  )

/** A card's menu of moves: the keyboard's (and screen readers') way to do what dragging does. */
export const MoveMenu = ({
  name,
  onChoose,
  options
}: {
  readonly name: string
  readonly options: ReadonlyArray<readonly [value: string, label: string]>
  readonly onChoose: (value: string) => void
}) => (
  <label>
    <span class="visually-hidden">Move “{name}” to</span>
    <select
      value=""
      onChange={(e) => {
        const value = (e.target as HTMLSelectElement).value
        if (value !== "") onChoose(value)
      }}
    >
      <option value="">Move to…</option>
      {options.map(([value, text]) => (
        <option value={value}>{text}</option>
      ))}
    </select>
  </label>
)

/** A delete button that asks once more before it deletes; a refusal (records still depending on it, say) is shown
 * in the server's words. */
export const DeleteButton = ({
  name,
  onDelete
}: {
  readonly name: string
  readonly onDelete: () => Promise<unknown>
}) => {
  const [asking, setAsking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!asking)
    return (
      <>
        <button type="button" class="secondary" onClick={() => setAsking(true)}>
          Delete<span class="visually-hidden"> {name}</span>
        </button>
        {error !== null && <Failed message={error} />}
      </>
    )
  return (
    <span role="group" aria-label={`Delete ${name}?`}>
      Delete {name} for good?{" "}
      <button
        type="button"
        class="danger"
        onClick={() =>
          onDelete().catch((failure: Error) => {
            setError(failure.message)
            setAsking(false)
          })
        }
      >
        Yes, delete it
      </button>{" "}
      <button type="button" class="secondary" onClick={() => setAsking(false)}>
        Keep it
      </button>
    </span>
  )
}

/** Opportunities as cards: name, stage, and the project opened from the sale. */
export const OpportunityCards = ({
  empty,
  opportunities
}: {
  readonly opportunities: ReadonlyArray<Opportunity>
  readonly empty: string
}) =>
  opportunities.length === 0 ? (
    <p class="empty">{empty}</p>
  ) : (
    <ul class="cards">
      {opportunities.map((opportunity) => (
        <li key={opportunity.id}>
          <a href={`#/opportunities/${opportunity.id}`}>{opportunity.name}</a>
          <span class="status">{words(opportunity.stage)}</span>
          {opportunity.projectId !== null && (
            <a href={`#/projects/${opportunity.projectId}`}>
              its project<span class="visually-hidden"> ({opportunity.name})</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  )

/** Tasks as cards: title (to the task's page), status and deadline. */
export const TaskCards = ({ empty, tasks }: { readonly tasks: ReadonlyArray<Task>; readonly empty: string }) =>
  tasks.length === 0 ? (
    <p class="empty">{empty}</p>
  ) : (
    <ul class="cards">
      {tasks.map((task) => (
        <li key={task.id}>
          <a href={`#/tasks/${task.id}`}>{task.title}</a>
          <span class={`status ${task.status}`}>{words(task.status)}</span>
          {task.dueDate !== null && <span class="due">due {task.dueDate}</span>}
        </li>
      ))}
    </ul>
  )

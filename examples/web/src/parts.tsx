import type { ComponentChildren } from "preact"
import { Failed } from "./Failed.js"
import type { Loaded } from "./load.js"

/** A loaded list: the refusal, a loading line, an empty line, or its cards. */
export const Listing = <A,>({
  children,
  empty,
  loaded,
  loading
}: {
  readonly loaded: Loaded<{ readonly items: ReadonlyArray<A> }>
  readonly loading: string
  readonly empty: string
  readonly children: (items: ReadonlyArray<A>) => ComponentChildren
}) =>
  loaded.state === "failed" ? (
    <Failed message={loaded.message} />
  ) : loaded.state === "loading" ? (
    <p aria-busy="true">{loading}</p>
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

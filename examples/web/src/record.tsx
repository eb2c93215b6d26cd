import type { ComponentChildren } from "preact"
import { useState } from "preact/hooks"
import type { Signed } from "./App.js"
import { useLoad } from "./load.js"
import { DeleteButton } from "./parts.js"

/** The props of every page that shows one record. */
export interface RecordPageProps {
  readonly signed: Signed
  readonly id: string
  /** The live feed's count: the page reloads when it moves. */
  readonly version: number
}

/** A record page's data: loaded again when the live feed moves and after the page's own writes (`reload`). */
export const useRecord = <A,>(load: () => Promise<A>, { id, version }: RecordPageProps) => {
  const [changed, setChanged] = useState(0)
  return { loaded: useLoad(load, [id, version, changed]), reload: () => setChanged((n) => n + 1) }
}

/** The If-Match header of a write to a record read at `version`: a concurrent edit is then a refusal, not lost. */
export const ifMatch = (version: number) => ({ "if-match": `"${version}"` })

/** The props of every edit form: who edits, the version the form was opened on (its If-Match), and what to call
 * once saved. */
export interface EditFormProps {
  readonly signed: Signed
  readonly openedOn: number
  readonly onSaved: () => void
}

/** A record's actions: any of its own (`children`), Edit and Delete as the role allows, and its edit form while
 * open. `edit` gets what to call once saved (it closes the form and reloads the page) and the version the form was
 * opened on, for its If-Match: an edit made meanwhile by someone else is then refused, not overwritten, and the form
 * says so as soon as the live feed brings the change. */
export const RecordActions = ({
  children,
  edit,
  name,
  onDelete,
  reload,
  version
}: {
  readonly name: string
  readonly version: number
  readonly reload: () => void
  readonly edit?: ((saved: () => void, openedOn: number) => ComponentChildren) | undefined
  readonly onDelete?: (() => Promise<unknown>) | undefined
  readonly children?: ComponentChildren
}) => {
  const [openedOn, setOpenedOn] = useState<number | null>(null)
  return (
    <>
      <p class="actions">
        {children}
        {edit !== undefined && (
          <button
            type="button"
            class="secondary"
            aria-expanded={openedOn !== null}
            onClick={() => setOpenedOn(openedOn === null ? version : null)}
          >
            Edit
          </button>
        )}
        {onDelete !== undefined && <DeleteButton name={name} onDelete={onDelete} />}
      </p>
      {openedOn !== null && openedOn !== version && (
        <p class="hint" role="status">
          Someone changed this since you opened the form: saving it will be refused. Close and reopen it to edit what is
          there now.
        </p>
      )}
      {openedOn !== null &&
        edit?.(() => {
          setOpenedOn(null)
          reload()
        }, openedOn)}
    </>
  )
}

import type { ComponentChildren } from "preact"
import { useState } from "preact/hooks"
import { Failed } from "./Failed.js"

/** A form's state: its values (all strings, as the controls hold them), the server's refusal, and whether it is
 * being sent. */
export interface Form<F extends Record<string, string>> {
  readonly values: F
  readonly set: (name: keyof F, value: string) => void
  readonly error: string | null
  readonly busy: boolean
  /** The submit handler: runs `send` with the values; on success empties the form and calls `done`, on a refusal
   * shows the server's message. */
  readonly submit: <R>(send: (values: F) => Promise<R>, done?: (result: R) => void) => (event: Event) => void
}

/** One form's state, starting (and emptied after each success) at `initial`. */
export const useForm = <F extends Record<string, string>>(initial: F): Form<F> => {
  const [values, setValues] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return {
    values,
    error,
    busy,
    set: (name, value) => setValues((current) => ({ ...current, [name]: value })),
    submit: (send, done) => (event) => {
      event.preventDefault()
      setError(null)
      setBusy(true)
      send(values).then(
        (result) => {
          setValues(initial)
          setBusy(false)
          done?.(result)
        },
        (failure: Error) => {
          setError(failure.message)
          setBusy(false)
        }
      )
    }
  }
}

/** `value` trimmed, or nothing when it is empty: optional fields are left out rather than sent empty. */
export const given = <K extends string, A = string>(key: K, value: string, as: (text: string) => A = (t) => t as A) =>
  (value.trim() === "" ? {} : { [key]: as(value.trim()) }) as { readonly [P in K]?: NoInfer<A> }

/** `value` trimmed, or `null` when it is empty: how an edit form clears an optional field. */
export const orNull = (value: string) => (value.trim() === "" ? null : value.trim())

interface FieldProps<F extends Record<string, string>> {
  readonly form: Form<F>
  readonly name: keyof F & string
  /** The control's id: unique on the page, since labels point at it. */
  readonly id: string
  readonly label: string
  readonly required?: boolean
}

/** A labelled text input bound to one field of a form. */
export const Input = <F extends Record<string, string>>({
  form,
  id,
  label,
  name,
  required,
  type = "text",
  inputMode
}: FieldProps<F> & { readonly type?: string; readonly inputMode?: "decimal" | "numeric" }) => (
  <>
    <label for={id}>{label}</label>
    <input
      id={id}
      type={type}
      inputMode={inputMode}
      required={required}
      value={form.values[name]}
      onInput={(e) => form.set(name, (e.target as HTMLInputElement).value)}
    />
  </>
)

/** A labelled multi-line input bound to one field of a form. */
export const TextArea = <F extends Record<string, string>>({ form, id, label, name, required }: FieldProps<F>) => (
  <>
    <label for={id}>{label}</label>
    <textarea
      id={id}
      rows={3}
      required={required}
      value={form.values[name]}
      onInput={(e) => form.set(name, (e.target as HTMLTextAreaElement).value)}
    />
  </>
)

/** A labelled choice bound to one field of a form; options are `[value, label]`. */
export const Select = <F extends Record<string, string>>({
  form,
  id,
  label,
  name,
  options,
  required
}: FieldProps<F> & { readonly options: ReadonlyArray<readonly [value: string, label: string]> }) => (
  <>
    <label for={id}>{label}</label>
    <select
      id={id}
      required={required}
      value={form.values[name]}
      onChange={(e) => form.set(name, (e.target as HTMLSelectElement).value)}
    >
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  </>
)

/** A form laid out as a column (or a line, `inline`), with its refusal and its submit button. */
export const FormBox = <F extends Record<string, string>>({
  children,
  form,
  inline,
  label,
  onSubmit,
  submit
}: {
  readonly form: Form<F>
  readonly label: string
  readonly submit: string
  readonly onSubmit: (event: Event) => void
  readonly inline?: boolean
  readonly children: ComponentChildren
}) => (
  <form class={inline === true ? "inline" : "stack"} aria-label={label} onSubmit={onSubmit}>
    {children}
    {form.error !== null && <Failed message={form.error} />}
    <button type="submit" disabled={form.busy}>
      {submit}
    </button>
  </form>
)

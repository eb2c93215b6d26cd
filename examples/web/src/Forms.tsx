import type { ClientId, Project, TaskPriority, TeamMember } from "@agency-crm/core"
import { useState } from "preact/hooks"
import type { Signed } from "./App.js"
import { Failed } from "./Failed.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"

const PRIORITIES: ReadonlyArray<TaskPriority> = ["low", "medium", "high", "urgent"]

/** Adds a task to a project: title, assignee, due date, priority. */
export const NewTask = ({
  onAdded,
  project,
  signed
}: {
  readonly signed: Signed
  readonly project: Project
  readonly onAdded: () => void
}) => {
  const team = useLoad(() => call(signed.api.team.list({ urlParams: { active: true, limit: 200 } })), [])
  const [title, setTitle] = useState("")
  const [assigneeId, setAssigneeId] = useState("")
  const [dueDate, setDueDate] = useState("")
  const [priority, setPriority] = useState<TaskPriority>("medium")
  const [error, setError] = useState<string | null>(null)
  const members: ReadonlyArray<TeamMember> = team.state === "ready" ? team.value.items : []
  const add = async (event: Event) => {
    event.preventDefault()
    setError(null)
    try {
      await call(
        signed.api.tasks.create({
          payload: {
            projectId: project.id,
            title,
            priority,
            ...(assigneeId === "" ? {} : { assigneeId: assigneeId as never }),
            ...(dueDate === "" ? {} : { dueDate: dueDate as never })
          }
        })
      )
      setTitle("")
      setDueDate("")
      onAdded()
    } catch (failure) {
      setError((failure as Error).message)
    }
  }
  return (
    <form class="inline" aria-label="Add a task" onSubmit={add}>
      <label for="task-title">New task</label>
      <input id="task-title" required value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      <label for="task-assignee">Assignee</label>
      <select
        id="task-assignee"
        value={assigneeId}
        onChange={(e) => setAssigneeId((e.target as HTMLSelectElement).value)}
      >
        <option value="">nobody yet</option>
        {members.map((member) => (
          <option value={member.id}>{member.name}</option>
        ))}
      </select>
      <label for="task-due">Due</label>
      <input
        id="task-due"
        type="date"
        value={dueDate}
        onInput={(e) => setDueDate((e.target as HTMLInputElement).value)}
      />
      <label for="task-priority">Priority</label>
      <select
        id="task-priority"
        value={priority}
        onChange={(e) => setPriority((e.target as HTMLSelectElement).value as TaskPriority)}
      >
        {PRIORITIES.map((p) => (
          <option value={p}>{p}</option>
        ))}
      </select>
      <button type="submit">Add the task</button>
      {error !== null && <Failed message={error} />}
    </form>
  )
}

/** Opens an opportunity with an organization: name, amount (in euros), expected close. */
export const NewOpportunity = ({
  clientId,
  onAdded,
  signed
}: {
  readonly signed: Signed
  readonly clientId: ClientId
  readonly onAdded: () => void
}) => {
  const [name, setName] = useState("")
  const [amount, setAmount] = useState("")
  const [close, setClose] = useState("")
  const [error, setError] = useState<string | null>(null)
  const open = async (event: Event) => {
    event.preventDefault()
    setError(null)
    try {
      await call(
        signed.api.opportunities.create({
          payload: {
            name,
            clientId,
            ...(amount.trim() === ""
              ? {}
              : { amount: { amountMinor: Math.round(Number(amount) * 100), currency: "EUR" } }),
            ...(close === "" ? {} : { expectedCloseDate: close as never })
          }
        })
      )
      setName("")
      setAmount("")
      setClose("")
      onAdded()
    } catch (failure) {
      setError((failure as Error).message)
    }
  }
  return (
    <form class="stack" aria-label="New opportunity" onSubmit={open}>
      <label for="opportunity-name">Opportunity</label>
      <input
        id="opportunity-name"
        required
        value={name}
        onInput={(e) => setName((e.target as HTMLInputElement).value)}
      />
      <label for="opportunity-amount">Estimated amount (EUR)</label>
      <input
        id="opportunity-amount"
        inputMode="decimal"
        value={amount}
        onInput={(e) => setAmount((e.target as HTMLInputElement).value)}
      />
      <label for="opportunity-close">Expected close</label>
      <input
        id="opportunity-close"
        type="date"
        value={close}
        onInput={(e) => setClose((e.target as HTMLInputElement).value)}
      />
      {error !== null && <Failed message={error} />}
      <button type="submit">Open the opportunity</button>
    </form>
  )
}

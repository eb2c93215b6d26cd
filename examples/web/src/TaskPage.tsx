import { type LocalDate, type Task, type TaskId, TaskPriority, TaskStatus, type TeamMemberId } from "@agency-crm/core"
import { useState } from "preact/hooks"
import { may, memberName, memberOptions } from "./App.js"
import { Failed } from "./Failed.js"
import { FormBox, Input, orNull, Select, TextArea, useForm } from "./fields.js"
import { MoveMenu, NotReady } from "./parts.js"
import { type EditFormProps, ifMatch, RecordActions, type RecordPageProps, useRecord } from "./record.js"
import { call } from "./session.js"
import { words } from "./text.js"
import { mergeTimeline, TimelineList } from "./Timeline.js"

/** Edits a task's title, description, assignee, due date and priority; If-Match makes a concurrent edit a refusal. */
const EditTask = ({ onSaved, openedOn, signed, task }: EditFormProps & { readonly task: Task }) => {
  const form = useForm({
    title: task.title,
    description: task.description ?? "",
    assigneeId: task.assigneeId ?? "",
    dueDate: task.dueDate ?? "",
    priority: task.priority
  })
  const save = form.submit(
    (v) =>
      call(
        signed.api.tasks.update({
          path: { id: task.id },
          headers: ifMatch(openedOn),
          payload: {
            title: v.title,
            description: orNull(v.description),
            assigneeId: orNull(v.assigneeId) as TeamMemberId | null,
            dueDate: orNull(v.dueDate) as LocalDate | null,
            priority: v.priority as TaskPriority
          }
        })
      ),
    onSaved
  )
  return (
    <FormBox form={form} label="Edit the task" submit="Save" onSubmit={save}>
      <Input form={form} name="title" id="edit-task-title" label="Title" required />
      <TextArea form={form} name="description" id="edit-task-description" label="Description" />
      <Select
        form={form}
        name="assigneeId"
        id="edit-task-assignee"
        label="Assignee"
        options={[["", "nobody"], ...memberOptions(signed)]}
      />
      <Input form={form} name="dueDate" id="edit-task-due" label="Due" type="date" />
      <Select
        form={form}
        name="priority"
        id="edit-task-priority"
        label="Priority"
        options={TaskPriority.literals.map((p) => [p, p] as const)}
      />
    </FormBox>
  )
}

/** One task: what it is for, its status (moved through its lifecycle), assignee, deadline, the interaction it
 * follows up, edit and delete, and its history. */
export const TaskPage = (props: RecordPageProps) => {
  const { id, signed } = props
  const { api } = signed
  const [refusal, setRefusal] = useState<string | null>(null)
  const { loaded, reload } = useRecord(async () => {
    const taskId = id as TaskId
    const task = await call(api.tasks.get({ path: { id: taskId } }))
    const [client, project, history] = await Promise.all([
      call(api.clients.get({ path: { id: task.clientId } })),
      task.projectId === null ? Promise.resolve(null) : call(api.projects.get({ path: { id: task.projectId } })),
      call(api.history.history({ path: { entityType: "task", entityId: taskId }, urlParams: { limit: 50 } }))
    ])
    return { task, client, project, history: history.items }
  }, props)
  if (loaded.state !== "ready") return <NotReady loaded={loaded} what="the task" />
  const { client, history, project, task } = loaded.value
  const assignee = memberName(signed, task.assigneeId)
  const move = (to: TaskStatus) => {
    setRefusal(null)
    call(api.tasks.transition({ path: { id: task.id }, payload: { to }, headers: ifMatch(task.version) })).then(
      reload,
      (failure) => setRefusal((failure as Error).message)
    )
  }
  return (
    <>
      <h1>{task.title}</h1>
      <p class="details">
        <span class={`status ${task.status}`}>{words(task.status)}</span> · {task.priority} priority ·{" "}
        {task.assigneeId === null ? "unassigned" : `assigned to ${assignee ?? "a former member"}`}
        {task.dueDate !== null && <> · due {task.dueDate}</>} · for{" "}
        {project === null ? (
          <a href={`#/organizations/${client.id}`}>{client.name}</a>
        ) : (
          <a href={`#/projects/${project.id}`}>{project.name}</a>
        )}
        {task.originInteractionId !== null && (
          <>
            {" "}
            · <a href={`#/interactions/${task.originInteractionId}`}>the interaction it follows up</a>
          </>
        )}
      </p>
      {task.description !== null && <p>{task.description}</p>}
      {refusal !== null && <Failed message={refusal} />}
      <RecordActions
        version={task.version}
        reload={reload}
        name={task.title}
        edit={
          may(signed, "task.write")
            ? (saved, openedOn) => <EditTask signed={signed} task={task} openedOn={openedOn} onSaved={saved} />
            : undefined
        }
        onDelete={
          may(signed, "task.delete")
            ? () =>
                call(api.tasks.remove({ path: { id: task.id }, headers: ifMatch(task.version) })).then(
                  () => (location.hash = project === null ? `/organizations/${client.id}` : `/projects/${project.id}`)
                )
            : undefined
        }
      >
        {may(signed, "task.move") && (
          <MoveMenu
            name={task.title}
            options={TaskStatus.literals.filter((s) => s !== task.status).map((s) => [s, words(s)] as const)}
            onChoose={(to) => move(to as TaskStatus)}
          />
        )}
      </RecordActions>
      <TimelineList id="task-history" heading="History" entries={mergeTimeline([], history)} />
    </>
  )
}

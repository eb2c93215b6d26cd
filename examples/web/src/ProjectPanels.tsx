import type { LocalDate, ProjectDetail, ProjectTransitionTarget } from "@agency-crm/core"
import { DateTime } from "effect"
import { useState } from "preact/hooks"
import { may, memberName, type Signed } from "./App.js"
import { Failed } from "./Failed.js"
import { FormBox, given, Input, Select, TextArea, useForm } from "./fields.js"
import { Allocate } from "./Forms.js"
import { call } from "./session.js"
import { day, money } from "./text.js"
import { ifMatch } from "./record.js"

/** What each panel of a project's page gets: the page's data, and what reloads it after a write. */
interface PanelProps {
  readonly signed: Signed
  readonly detail: ProjectDetail
  readonly onChanged: () => void
}

/** Budget against what is allocated: hours of people, and material cost per currency; and a form to allocate. */
export const Resources = ({ detail, onChanged, signed }: PanelProps) => {
  const { allocations, project, resourceTotals } = detail
  const nameOf = (id: string) => memberName(signed, id)
  const budget = project.budget
  const spent = budget === null ? undefined : resourceTotals.materialCost.find((c) => c.currency === budget.currency)
  return (
    <section aria-labelledby="resources">
      <h2 id="resources">Resources</h2>
      <p>
        Budget: {project.budget === null ? "none set" : money(project.budget.amountMinor, project.budget.currency)} ·
        allocated: {resourceTotals.hours} h
        {resourceTotals.materialCost.map((cost) => (
          <span key={cost.currency}> · {money(cost.amountMinor, cost.currency)} material</span>
        ))}
        {budget !== null && (
          <span class={spent !== undefined && spent.amountMinor > budget.amountMinor ? "over" : undefined}>
            {" "}
            · {money(budget.amountMinor - (spent?.amountMinor ?? 0), budget.currency)} of the budget left
          </span>
        )}
      </p>
      {allocations.items.length === 0 ? (
        <p class="empty">Nothing allocated yet.</p>
      ) : (
        <ul class="cards">
          {allocations.items.map((allocation) => (
            <li key={allocation.id}>
              {allocation.kind === "human" ? (
                <>
                  <strong>{nameOf(allocation.memberId) ?? allocation.role}</strong>{" "}
                  {nameOf(allocation.memberId) !== undefined && <span class="kind">{allocation.role}</span>}{" "}
                  <span class="due">{allocation.hours} h</span>
                </>
              ) : (
                <>
                  <strong>{allocation.name}</strong>{" "}
                  <span class="due">
                    {allocation.quantity} × {money(allocation.unitCost.amountMinor, allocation.unitCost.currency)}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {may(signed, "allocation.manage") && <Allocate signed={signed} project={project} onAdded={onChanged} />}
    </section>
  )
}

/** The latest review, and a form to record one (its progress snapshot is taken by the server). */
export const Reviews = ({ detail, onChanged, signed }: PanelProps) => {
  const form = useForm({ summary: "", adjustments: "" })
  const review = detail.latestReview
  const record = form.submit(
    (v) =>
      call(
        signed.api.reviews.create({
          payload: {
            projectId: detail.project.id,
            summary: v.summary,
            adjustments: v.adjustments
              .split("\n")
              .map((line) => line.trim())
              .filter((line) => line !== "")
          }
        })
      ),
    onChanged
  )
  return (
    <section aria-labelledby="reviews">
      <h2 id="reviews">Reviews</h2>
      {review === null ? (
        <p class="empty">No review yet.</p>
      ) : (
        <p>
          <time dateTime={DateTime.formatIso(review.reviewedAt)}>{day(review.reviewedAt)}</time>: {review.summary} (
          {review.progress.percentDone}% done then)
          {review.adjustments.length > 0 && <> — adjustments: {review.adjustments.join("; ")}</>}
        </p>
      )}
      {may(signed, "review.manage") && (
        <FormBox form={form} label="Record a review" submit="Record the review" onSubmit={record}>
          <Input form={form} name="summary" id="review-summary" label="Review summary" required />
          <TextArea form={form} name="adjustments" id="review-adjustments" label="Adjustments decided (one a line)" />
        </FormBox>
      )}
    </section>
  )
}

/** The project's lifecycle: start or pause it, complete it with its final report, close it with the client's
 * feedback; a refusal (open tasks, say) is shown as the server explains it. */
export const Lifecycle = ({ detail, onChanged, signed }: PanelProps) => {
  const { api } = signed
  const { project } = detail
  const [error, setError] = useState<string | null>(null)
  const completion = useForm({ report: "", deliveredOn: new Date().toISOString().slice(0, 10) })
  const closing = useForm({ feedback: "", satisfaction: "5", future: "" })
  if (!may(signed, "project.manage")) return null
  const transition = (to: ProjectTransitionTarget) => {
    setError(null)
    call(
      api.projects.transition({ path: { id: project.id }, payload: { to }, headers: ifMatch(project.version) })
    ).then(onChanged, (failure: Error) => setError(failure.message))
  }
  const complete = completion.submit(
    (v) =>
      call(
        api.projects.complete({
          path: { id: project.id },
          payload: { reportReference: v.report, deliveredOn: v.deliveredOn as LocalDate },
          headers: ifMatch(project.version)
        })
      ),
    onChanged
  )
  const close = closing.submit(
    (v) =>
      call(
        api.projects.close({
          path: { id: project.id },
          payload: {
            feedback: {
              summary: v.feedback,
              satisfaction: Number(v.satisfaction),
              ...given("futureOpportunities", v.future)
            }
          },
          headers: ifMatch(project.version)
        })
      ),
    onChanged
  )
  const open = project.status === "planned" || project.status === "active" || project.status === "on_hold"
  return (
    <section aria-labelledby="lifecycle">
      <h2 id="lifecycle">Lifecycle</h2>
      {error !== null && <Failed message={error} />}
      <p class="actions">
        {(project.status === "planned" || project.status === "on_hold") && (
          <button type="button" onClick={() => transition("active")}>
            {project.status === "planned" ? "Start" : "Resume"}
          </button>
        )}
        {project.status === "active" && (
          <button type="button" class="secondary" onClick={() => transition("on_hold")}>
            Put on hold
          </button>
        )}
        {open && (
          <button type="button" class="secondary" onClick={() => transition("cancelled")}>
            Cancel the project
          </button>
        )}
      </p>
      {open && (
        <FormBox form={completion} label="Complete the project" submit="Complete the project" onSubmit={complete}>
          <Input form={completion} name="report" id="final-report" label="Final report (reference)" required />
          <Input form={completion} name="deliveredOn" id="delivered-on" label="Delivered on" type="date" required />
        </FormBox>
      )}
      {project.status === "completed" && (
        <FormBox form={closing} label="Close the project" submit="Close with this feedback" onSubmit={close}>
          <Input form={closing} name="feedback" id="feedback-summary" label="Client's feedback" required />
          <Select
            form={closing}
            name="satisfaction"
            id="feedback-satisfaction"
            label="Satisfaction (1–5)"
            options={["5", "4", "3", "2", "1"].map((n) => [n, n] as const)}
          />
          <Input form={closing} name="future" id="feedback-future" label="Future opportunities mentioned" />
        </FormBox>
      )}
    </section>
  )
}

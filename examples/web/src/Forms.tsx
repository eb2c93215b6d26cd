import {
  ClientKind,
  type ClientId,
  type ContactId,
  type Email,
  InteractionDirection,
  InteractionKind,
  type LocalDate,
  type OpportunityId,
  type Project,
  type ProjectId,
  TaskPriority,
  type TeamMemberId
} from "@agency-crm/core"
import { may, memberOptions, type Signed } from "./App.js"
import { FormBox, given, Input, Select, TextArea, useForm } from "./fields.js"
import { call } from "./session.js"
import { words } from "./text.js"

const optionsOf = (values: ReadonlyArray<string>) => values.map((v) => [v, words(v)] as const)

/** An amount typed in major units ("2500", "12.50") in minor units. */
export const minorOf = (text: string) => Math.round(Number(text.replace(",", ".")) * 100)

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
  const form = useForm({ title: "", assigneeId: "", dueDate: "", priority: "medium" })
  const add = form.submit(
    (v) =>
      call(
        signed.api.tasks.create({
          payload: {
            projectId: project.id,
            title: v.title,
            priority: v.priority as TaskPriority,
            ...given<"assigneeId", TeamMemberId>("assigneeId", v.assigneeId),
            ...given<"dueDate", LocalDate>("dueDate", v.dueDate)
          }
        })
      ),
    onAdded
  )
  return (
    <FormBox form={form} inline label="Add a task" submit="Add the task" onSubmit={add}>
      <Input form={form} name="title" id="task-title" label="New task" required />
      <Select
        form={form}
        name="assigneeId"
        id="task-assignee"
        label="Assignee"
        options={[["", "nobody yet"], ...memberOptions(signed)]}
      />
      <Input form={form} name="dueDate" id="task-due" label="Due" type="date" />
      <Select
        form={form}
        name="priority"
        id="task-priority"
        label="Priority"
        options={optionsOf(TaskPriority.literals)}
      />
    </FormBox>
  )
}

/** Opens an opportunity with an organization: name, amount (in euros), expected close, and the contact. */
export const NewOpportunity = ({
  clientId,
  contacts,
  onAdded,
  signed
}: {
  readonly signed: Signed
  readonly clientId: ClientId
  readonly contacts: ReadonlyArray<{ readonly id: ContactId; readonly name: string }>
  readonly onAdded: () => void
}) => {
  const form = useForm({ name: "", amount: "", close: "", contactId: "" })
  const open = form.submit(
    (v) =>
      call(
        signed.api.opportunities.create({
          payload: {
            name: v.name,
            clientId,
            ...given<"contactId", ContactId>("contactId", v.contactId),
            ...given("amount", v.amount, (text) => ({ amountMinor: minorOf(text), currency: "EUR" })),
            ...given<"expectedCloseDate", LocalDate>("expectedCloseDate", v.close)
          }
        })
      ),
    onAdded
  )
  return (
    <FormBox form={form} label="New opportunity" submit="Open the opportunity" onSubmit={open}>
      <Input form={form} name="name" id="opportunity-name" label="Opportunity" required />
      <Select
        form={form}
        name="contactId"
        id="opportunity-contact"
        label="Contact"
        options={[["", "none"], ...contacts.map((c) => [c.id, c.name] as const)]}
      />
      <Input form={form} name="amount" id="opportunity-amount" label="Estimated amount (EUR)" inputMode="decimal" />
      <Input form={form} name="close" id="opportunity-close" label="Expected close" type="date" />
    </FormBox>
  )
}

/** Records an organization: name, kind (a prospect until it buys), industry, website. */
export const NewOrganization = ({
  onAdded,
  signed
}: {
  readonly signed: Signed
  readonly onAdded: (id: ClientId) => void
}) => {
  const form = useForm({ name: "", kind: "prospect", industry: "", website: "" })
  const add = form.submit(
    (v) =>
      call(
        signed.api.clients.create({
          payload: {
            name: v.name,
            kind: v.kind as ClientKind,
            ...given("industry", v.industry),
            ...given("website", v.website)
          }
        })
      ),
    (client) => onAdded(client.id)
  )
  return (
    <FormBox form={form} label="New organization" submit="Add the organization" onSubmit={add}>
      <Input form={form} name="name" id="organization-name" label="Name" required />
      <Select
        form={form}
        name="kind"
        id="organization-new-kind"
        label="Kind"
        options={optionsOf(ClientKind.literals)}
      />
      <Input form={form} name="industry" id="organization-industry" label="Industry" />
      <Input form={form} name="website" id="organization-website" label="Website" />
    </FormBox>
  )
}

/** Adds a contact to an organization. */
export const NewContact = ({
  clientId,
  onAdded,
  signed
}: {
  readonly signed: Signed
  readonly clientId: ClientId
  readonly onAdded: () => void
}) => {
  const form = useForm({ name: "", email: "", phone: "", position: "", primary: "" })
  const add = form.submit(
    (v) =>
      call(
        signed.api.contacts.create({
          payload: {
            clientId,
            name: v.name,
            isPrimary: v.primary === "yes",
            ...given<"email", typeof Email.Type>("email", v.email),
            ...given("phone", v.phone),
            ...given("position", v.position)
          }
        })
      ),
    onAdded
  )
  return (
    <FormBox form={form} label="New contact" submit="Add the contact" onSubmit={add}>
      <Input form={form} name="name" id="contact-name" label="Contact's name" required />
      <Input form={form} name="email" id="contact-email" label="E-mail" type="email" />
      <Input form={form} name="phone" id="contact-phone" label="Phone" type="tel" />
      <Input form={form} name="position" id="contact-position" label="Position" />
      <Select
        form={form}
        name="primary"
        id="contact-primary"
        label="Primary contact"
        options={[
          ["", "no"],
          ["yes", "yes"]
        ]}
      />
    </FormBox>
  )
}

/** Logs an interaction with an organization (with one of its contacts, on one of its projects or opportunities);
 * its next step becomes my task with its due date. Shown only to a role that may log interactions. */
export const LogInteraction = ({
  clientId,
  contacts,
  onLogged,
  opportunityId,
  projectId,
  signed
}: {
  readonly signed: Signed
  readonly clientId: ClientId
  readonly contacts: ReadonlyArray<{ readonly id: ContactId; readonly name: string }>
  readonly projectId?: ProjectId
  readonly opportunityId?: OpportunityId
  readonly onLogged: () => void
}) => {
  const form = useForm({
    kind: "call",
    direction: "outbound",
    contactId: contacts.length === 1 ? contacts[0]!.id : "",
    summary: "",
    nextStep: "",
    dueDate: ""
  })
  const log = form.submit(
    (v) =>
      call(
        signed.api.interactions.create({
          payload: {
            clientId,
            kind: v.kind as InteractionKind,
            direction: v.direction as InteractionDirection,
            summary: v.summary,
            ...given<"contactId", ContactId>("contactId", v.contactId),
            ...(projectId === undefined ? {} : { projectId }),
            ...(opportunityId === undefined ? {} : { opportunityId }),
            ...(v.nextStep.trim() === ""
              ? {}
              : {
                  nextStep: v.nextStep.trim(),
                  followUp: {
                    title: v.nextStep.trim(),
                    assigneeId: signed.me.id,
                    ...given<"dueDate", LocalDate>("dueDate", v.dueDate)
                  }
                })
          }
        })
      ),
    onLogged
  )
  if (!may(signed, "interaction.write")) return null
  return (
    <section aria-labelledby="log">
      <h2 id="log">Log an interaction</h2>
      <FormBox form={form} label="Log an interaction" submit="Log it" onSubmit={log}>
        <Select
          form={form}
          name="kind"
          id="interaction-kind"
          label="Kind"
          options={optionsOf(InteractionKind.literals.filter((k) => k !== "feedback"))}
        />
        <Select
          form={form}
          name="direction"
          id="interaction-direction"
          label="Started by"
          options={[
            ["outbound", "us"],
            ["inbound", "them"],
            ["internal", "internal note"]
          ]}
        />
        <Select
          form={form}
          name="contactId"
          id="interaction-contact"
          label="With"
          options={[["", "the organization"], ...contacts.map((c) => [c.id, c.name] as const)]}
        />
        <TextArea form={form} name="summary" id="interaction-summary" label="Summary" required />
        <Input form={form} name="nextStep" id="interaction-next" label="Next step (becomes my task)" />
        <Input form={form} name="dueDate" id="interaction-due" label="Due" type="date" />
      </FormBox>
    </section>
  )
}

/** Allocates a person's hours or a material resource (quantity × unit cost, in the budget's currency) to a
 * project. */
export const Allocate = ({
  onAdded,
  project,
  signed
}: {
  readonly signed: Signed
  readonly project: Project
  readonly onAdded: () => void
}) => {
  const currency = project.budget?.currency ?? "EUR"
  const form = useForm({ kind: "human", memberId: "", role: "", hours: "", name: "", quantity: "1", unitCost: "" })
  const add = form.submit(
    (v) =>
      call(
        signed.api.allocations.create({
          payload:
            v.kind === "human"
              ? {
                  kind: "human",
                  projectId: project.id,
                  memberId: v.memberId as TeamMemberId,
                  role: v.role,
                  hours: Number(v.hours)
                }
              : {
                  kind: "material",
                  projectId: project.id,
                  name: v.name,
                  quantity: Number(v.quantity),
                  unitCost: { amountMinor: minorOf(v.unitCost), currency }
                }
        })
      ),
    onAdded
  )
  return (
    <FormBox form={form} label="Allocate a resource" submit="Allocate" onSubmit={add}>
      <Select
        form={form}
        name="kind"
        id="allocation-kind"
        label="Resource"
        options={[
          ["human", "a person's hours"],
          ["material", "material"]
        ]}
      />
      {form.values.kind === "human" ? (
        <>
          <Select
            form={form}
            name="memberId"
            id="allocation-member"
            label="Person"
            required
            options={[["", "choose…"], ...memberOptions(signed)]}
          />
          <Input form={form} name="role" id="allocation-role" label="Role on the project" required />
          <Input form={form} name="hours" id="allocation-hours" label="Hours" inputMode="decimal" required />
        </>
      ) : (
        <>
          <Input form={form} name="name" id="allocation-name" label="Material" required />
          <Input form={form} name="quantity" id="allocation-quantity" label="Quantity" inputMode="decimal" required />
          <Input
            form={form}
            name="unitCost"
            id="allocation-cost"
            label={`Unit cost (${currency})`}
            inputMode="decimal"
            required
          />
        </>
      )}
    </FormBox>
  )
}

import { ChevronDownIcon } from '@radix-ui/react-icons'
import { Button, DropdownMenu, Flex, TextArea, TextField } from '@radix-ui/themes'
import { useId, useMemo, useState } from 'react'
import { AWS_SERVICES } from '@shared/domain'
import { controlPatchSchema, type ControlPatch } from '@shared/schemas'
import type { ControlDetail } from '@shared/types'
import { call } from '../../api/client'
import { useCommand, useOwners } from '../../api/queries'
import { Field } from '../../components/Field'
import { FormFooter } from '../../components/FormFooter'
import { ResponsibilitySelect, StatusSelect } from '../../components/selects'
import { useToast } from '../../components/Toasts'
import { useShortcut } from '../../components/use-shortcut'
import { changedFields } from '../../components/changed-fields'
import { formatMoment } from '../../components/dates'

type Form = Required<Omit<ControlPatch, never>>

function formOf(control: ControlDetail): Form {
  return {
    title: control.title,
    statement: control.statement,
    domain: control.domain,
    owner: control.owner,
    status: control.status,
    responsibility: control.responsibility,
    rationale: control.rationale,
    awsServices: control.awsServices as Form['awsServices'],
    notes: control.notes,
    notApplicableReason: control.notApplicableReason
  }
}

/** Edit a control. Changes are saved explicitly (button or Ctrl+S), can be undone, and are audited. */
export function ControlOverviewTab({ control }: { control: ControlDetail }) {
  const saved = useMemo(() => formOf(control), [control])
  const [form, setForm] = useState<Form>(saved)
  const [error, setError] = useState<string | null>(null)
  const update = useCommand('controls:update')
  const owners = useOwners()
  const toast = useToast()
  const ownersListId = useId()
  const patch = changedFields(saved, form) as ControlPatch
  const dirty = Object.keys(patch).length > 0

  const set = <K extends keyof Form>(key: K, value: Form[K]): void =>
    setForm((current) => ({ ...current, [key]: value }))

  const save = (): void => {
    if (!dirty || update.isPending) return
    const parsed = controlPatchSchema.safeParse(patch)
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join(' '))
      return
    }
    setError(null)
    const previous = changedFields(form, saved)
    // mutateAsync: the tab remounts when the saved version arrives, and the toast must still follow.
    update
      .mutateAsync({ id: control.id, patch: parsed.data, expectedVersion: control.version })
      .then((next) =>
        toast({
          title: `${control.id} saved`,
          description: Object.keys(parsed.data).join(', '),
          tone: 'success',
          action: {
            label: 'Undo',
            onClick: () => {
              call('controls:update', { id: control.id, patch: previous, expectedVersion: next.version })
                .then(() => toast({ title: `Change to ${control.id} undone`, tone: 'info' }))
                .catch((undoError: unknown) =>
                  toast({ title: 'Could not undo', description: (undoError as Error).message, tone: 'error' })
                )
            }
          }
        })
      )
      .catch((saveError: unknown) => setError((saveError as Error).message))
  }
  useShortcut('s', save)

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      <Field label="Title">
        {(id) => <TextField.Root id={id} size="1" value={form.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label="Statement" hint="What is done, by whom, with which AWS mechanism.">
        {(id) => (
          <TextArea
            id={id}
            size="1"
            rows={4}
            value={form.statement}
            onChange={(e) => set('statement', e.target.value)}
          />
        )}
      </Field>
      <Flex gap="3">
        <Field label="Status">
          {(id) => <StatusSelect id={id} value={form.status} onChange={(value) => set('status', value)} />}
        </Field>
        <Field label="Owner">
          {(id) => (
            <>
              <TextField.Root
                id={id}
                size="1"
                value={form.owner}
                list={ownersListId}
                placeholder="Unassigned"
                onChange={(e) => set('owner', e.target.value)}
              />
              <datalist id={ownersListId}>
                {(owners.data ?? []).map(({ owner }) => (
                  <option key={owner} value={owner} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </Flex>
      {form.status === 'not-applicable' && (
        <Field
          label="Why it does not apply"
          hint="The auditor reads this in the pack, beside every requirement it meets."
        >
          {(id) => (
            <TextArea
              id={id}
              size="1"
              rows={2}
              value={form.notApplicableReason}
              onChange={(e) => set('notApplicableReason', e.target.value)}
            />
          )}
        </Field>
      )}
      <Field label="Responsibility">
        {(id) => (
          <ResponsibilitySelect
            id={id}
            value={form.responsibility}
            onChange={(value) => set('responsibility', value)}
          />
        )}
      </Field>
      <Field label="Rationale" hint="Why the responsibility falls there under the shared responsibility model.">
        {(id) => (
          <TextArea
            id={id}
            size="1"
            rows={3}
            value={form.rationale}
            onChange={(e) => set('rationale', e.target.value)}
          />
        )}
      </Field>
      <Field label="AWS services">
        {(id) => (
          <DropdownMenu.Root>
            <DropdownMenu.Trigger>
              <Button id={id} type="button" size="1" variant="surface" color="gray" className="services-trigger">
                <span className="truncate">{form.awsServices.length ? form.awsServices.join(', ') : 'None'}</span>
                <ChevronDownIcon />
              </Button>
            </DropdownMenu.Trigger>
            <DropdownMenu.Content size="1" className="services-menu">
              {AWS_SERVICES.map((service) => (
                <DropdownMenu.CheckboxItem
                  key={service}
                  checked={form.awsServices.includes(service)}
                  onSelect={(event) => event.preventDefault()}
                  onCheckedChange={(checked) =>
                    set(
                      'awsServices',
                      checked
                        ? AWS_SERVICES.filter((s) => s === service || form.awsServices.includes(s))
                        : form.awsServices.filter((s) => s !== service)
                    )
                  }
                >
                  {service}
                </DropdownMenu.CheckboxItem>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu.Root>
        )}
      </Field>
      <Field label="Domain">
        {(id) => (
          <TextField.Root id={id} size="1" value={form.domain} onChange={(e) => set('domain', e.target.value)} />
        )}
      </Field>
      <Field label="Notes">
        {(id) => (
          <TextArea id={id} size="1" rows={4} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
        )}
      </Field>
      <FormFooter
        dirty={dirty}
        saving={update.isPending}
        error={error}
        saved={`Saved · version ${control.version} · ${formatMoment(control.updatedAt)}`}
        onDiscard={() => setForm(saved)}
      />
    </form>
  )
}

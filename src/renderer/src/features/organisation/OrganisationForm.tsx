import { Button, Callout, Checkbox, Flex, Select, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import type { FrameworkId } from '@shared/domain'
import type { Organisation } from '@shared/types'
import { useFrameworkList } from '../../api/framework-names'
import { useCommand, useOrganisation, usePeople } from '../../api/queries'
import { Field } from '../../components/Field'
import { useToast } from '../../components/Toasts'

const NOBODY = '__os-user__'

/** The organisation's name, the frameworks it is audited against, and who "you" are (the author of every change). */
export function OrganisationForm({
  onSaved,
  formId
}: {
  /** After saving from a button outside the form (the set-up's Next), or on its click with nothing changed. */
  onSaved?: (organisation: Organisation) => void
  formId?: string
}) {
  const organisation = useOrganisation()
  if (!organisation.data) return null
  // Keyed by what is stored, so the form starts again from the register after every save.
  return (
    <OrganisationFields
      key={JSON.stringify(organisation.data)}
      organisation={organisation.data}
      {...(onSaved ? { onSaved } : {})}
      {...(formId ? { formId } : {})}
    />
  )
}

function OrganisationFields({
  organisation,
  onSaved,
  formId
}: {
  organisation: Organisation
  onSaved?: (organisation: Organisation) => void
  formId?: string
}) {
  const frameworks = useFrameworkList()
  const people = usePeople()
  const update = useCommand('org:update')
  const toast = useToast()
  const [name, setName] = useState(organisation.name ?? '')
  const [chosen, setChosen] = useState<FrameworkId[]>(organisation.frameworks)
  const [you, setYou] = useState(organisation.you ?? NOBODY)
  const [error, setError] = useState<string | null>(null)
  const activePeople = (people.data ?? []).filter((person) => !person.retired)

  const patch: Record<string, unknown> = {}
  if (name.trim() !== (organisation.name ?? '')) patch.name = name.trim()
  if ([...chosen].sort().join() !== [...organisation.frameworks].sort().join()) patch.frameworks = chosen
  if (you !== (organisation.you ?? NOBODY)) patch.you = you === NOBODY ? null : you
  const changed = Object.keys(patch).length > 0

  return (
    <form
      id={formId}
      aria-label="Organisation"
      onSubmit={(event) => {
        event.preventDefault()
        // Only a submit button outside the form (the set-up's Next) moves on after saving.
        const submitter = (event.nativeEvent as SubmitEvent).submitter
        const onDone = submitter && !event.currentTarget.contains(submitter) ? onSaved : undefined
        if (!changed) return onDone?.(organisation)
        setError(null)
        // The form is remade from the saved organisation once it is read again, before mutate's own callbacks
        // would run: the promise is followed instead, which settles whatever became of this form.
        update.mutateAsync(patch).then(
          (saved) => {
            toast({ title: 'Organisation saved', tone: 'success' })
            onDone?.(saved)
          },
          (saveError: Error) => setError(saveError.message)
        )
      }}
    >
      <Flex direction="column" gap="3">
        <Field label="Organisation name">
          {(id) => (
            <TextField.Root
              id={id}
              size="2"
              value={name}
              placeholder="Your organisation's legal name"
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Flex direction="column" gap="1" role="group" aria-label="Frameworks in scope">
          <Text size="1" weight="medium">
            Frameworks in scope
          </Text>
          <Flex gap="4" wrap="wrap">
            {frameworks.map((framework) => (
              <Text as="label" size="2" key={framework.id}>
                <Flex gap="2" align="center">
                  <Checkbox
                    checked={chosen.includes(framework.id)}
                    onCheckedChange={(checked) =>
                      setChosen((current) =>
                        checked === true
                          ? [...current.filter((id) => id !== framework.id), framework.id]
                          : current.filter((id) => id !== framework.id)
                      )
                    }
                  />
                  {framework.name}
                </Flex>
              </Text>
            ))}
          </Flex>
        </Flex>
        <Field
          label="You are"
          hint="Every change made in this register is recorded in the audit log under this person's name."
        >
          {(id) => (
            <Select.Root value={you} onValueChange={setYou}>
              <Select.Trigger id={id} aria-label="You are" style={{ maxWidth: 320 }} />
              <Select.Content position="popper">
                <Select.Item value={NOBODY}>The operating-system user</Select.Item>
                {activePeople.map((person) => (
                  <Select.Item key={person.id} value={person.name}>
                    {person.name}
                    {person.role ? ` (${person.role})` : ''}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select.Root>
          )}
        </Field>
        {error && (
          <Callout.Root color="red" size="1" role="alert">
            <Callout.Text>{error}</Callout.Text>
          </Callout.Root>
        )}
        <Flex gap="2">
          <Button type="submit" size="2" disabled={!changed || name.trim() === ''} loading={update.isPending}>
            Save organisation
          </Button>
        </Flex>
      </Flex>
    </form>
  )
}

import { Badge, Button, Dialog, Flex, Table, Text, TextField } from '@radix-ui/themes'
import { PlusIcon } from '@radix-ui/react-icons'
import { useState, type ReactNode } from 'react'
import { personInputSchema } from '@shared/schemas'
import type { Person } from '@shared/types'
import { useCommand, useOrganisation, usePeople } from '../../api/queries'
import { Field } from '../../components/Field'
import { useToast } from '../../components/Toasts'
import { DialogFooter } from '../../components/DialogFooter'

/** The people who own controls and prepare packs. */
export function PeopleSection() {
  const people = usePeople()
  const organisation = useOrganisation()
  const list = people.data ?? []
  return (
    <Flex direction="column" gap="2">
      <Flex>
        <PersonDialog
          trigger={
            <Button size="1">
              <PlusIcon /> Add person
            </Button>
          }
        />
      </Flex>
      {list.length === 0 ? (
        <Text size="2" color="gray">
          No people yet. Add who owns controls and prepares packs, then choose who you are.
        </Text>
      ) : (
        <Table.Root size="1" variant="surface" className="org-table">
          <caption className="visually-hidden">People</caption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Name</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Role</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>E-mail</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>
                <span className="visually-hidden">Actions</span>
              </Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {list.map((person) => (
              <Table.Row key={person.id}>
                <Table.RowHeaderCell>
                  <Flex gap="2" align="center">
                    {person.name}
                    {organisation.data?.you === person.name && (
                      <Badge size="1" color="indigo">
                        You
                      </Badge>
                    )}
                    {person.retired && (
                      <Badge size="1" color="gray">
                        Left
                      </Badge>
                    )}
                  </Flex>
                </Table.RowHeaderCell>
                <Table.Cell>{person.role}</Table.Cell>
                <Table.Cell>{person.email}</Table.Cell>
                <Table.Cell>
                  <Flex justify="end">
                    <PersonDialog
                      person={person}
                      trigger={
                        <Button size="1" variant="ghost" aria-label={`Edit ${person.name}`}>
                          Edit
                        </Button>
                      }
                    />
                  </Flex>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </Flex>
  )
}

function PersonDialog({ person, trigger }: { person?: Person; trigger: ReactNode }) {
  const [open, setOpen] = useState(false)
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger>{trigger}</Dialog.Trigger>
      <Dialog.Content maxWidth="460px">
        <Dialog.Title>{person ? `Edit ${person.name}` : 'Add a person'}</Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="3">
          {person
            ? 'A new name follows everywhere the person stands: control owners and who you are.'
            : 'Someone who owns controls or prepares packs.'}
        </Dialog.Description>
        {open && <PersonFields {...(person ? { person } : {})} onDone={() => setOpen(false)} />}
      </Dialog.Content>
    </Dialog.Root>
  )
}

function PersonFields({ person, onDone }: { person?: Person; onDone: () => void }) {
  const [name, setName] = useState(person?.name ?? '')
  const [role, setRole] = useState(person?.role ?? '')
  const [email, setEmail] = useState(person?.email ?? '')
  const [error, setError] = useState<string | null>(null)
  const add = useCommand('people:add')
  const update = useCommand('people:update')
  const toast = useToast()

  const submit = (): void => {
    setError(null)
    const parsed = personInputSchema.safeParse({ name, role, ...(email.trim() ? { email: email.trim() } : {}) })
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join(' '))
      return
    }
    const onError = (saveError: Error): void => setError(saveError.message)
    if (person) {
      const next = { name: parsed.data.name, role: parsed.data.role ?? '', email: parsed.data.email ?? '' }
      const patch = Object.fromEntries(
        Object.entries(next).filter(([key, value]) => value !== person[key as keyof typeof next])
      )
      if (Object.keys(patch).length === 0) return onDone()
      update.mutate(
        { id: person.id, patch },
        {
          onSuccess: (saved) => {
            toast({ title: `Saved ${saved.name}`, tone: 'success' })
            onDone()
          },
          onError
        }
      )
      return
    }
    add.mutate(parsed.data, {
      onSuccess: (saved) => {
        toast({ title: `Added ${saved.name}`, tone: 'success' })
        onDone()
      },
      onError
    })
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <Flex direction="column" gap="3">
        <Field label="Name">
          {(id) => <TextField.Root id={id} value={name} autoFocus onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label="Role">
          {(id) => (
            <TextField.Root
              id={id}
              value={role}
              placeholder="Compliance officer"
              onChange={(event) => setRole(event.target.value)}
            />
          )}
        </Field>
        <Field label="E-mail">
          {(id) => (
            <TextField.Root id={id} type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
          )}
        </Field>
        <DialogFooter error={error} pending={add.isPending || update.isPending}>
          {person ? 'Save person' : 'Add person'}
        </DialogFooter>
      </Flex>
    </form>
  )
}

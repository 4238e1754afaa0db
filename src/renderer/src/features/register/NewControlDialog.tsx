import { Dialog, Flex, Text, TextArea, TextField } from '@radix-ui/themes'
import { useId, useRef, useState, type ReactNode } from 'react'
import type { ControlStatus, Responsibility } from '@shared/domain'
import { controlCreateSchema } from '@shared/schemas'
import type { Mapping } from '@shared/types'
import { useCommand, usePeople } from '../../api/queries'
import { ResponsibilitySelect, StatusSelect } from '../../components/selects'
import { MappingsField } from './MappingsField'
import { useToast } from '../../components/Toasts'
import { focusArrival } from '../../components/DetailPane'
import { useIntent } from '../../app/intents'
import { closeUnlessKept } from '../../app/unsaved-changes'
import { DialogFooter } from '../../components/DialogFooter'

/** Adds a control of the organisation's own to the register, with its owner, status and the requirements it meets. */
export function NewControlDialog({
  trigger,
  onCreated,
  initialMappings = []
}: {
  trigger: ReactNode
  onCreated: (id: string) => void
  /** Requirements the control is made for (a gap it closes). */
  initialMappings?: Mapping[]
}) {
  const [open, setOpen] = useState(false)
  const [id, setId] = useState('')
  const [title, setTitle] = useState('')
  const [statement, setStatement] = useState('')
  const [responsibility, setResponsibility] = useState<Responsibility>('customer')
  const [owner, setOwner] = useState('')
  const [status, setStatus] = useState<ControlStatus>('not-started')
  const [mappings, setMappings] = useState<Mapping[]>(initialMappings)
  const [error, setError] = useState<string | null>(null)
  const create = useCommand('controls:create')
  const toast = useToast()
  const people = usePeople()
  const ownersId = useId()
  const created = useRef(false)
  useIntent('new-control', () => setOpen(true))

  const reset = (): void => {
    setId('')
    setTitle('')
    setStatement('')
    setResponsibility('customer')
    setOwner('')
    setStatus('not-started')
    setMappings(initialMappings)
    setError(null)
  }

  const submit = (): void => {
    const parsed = controlCreateSchema.safeParse({
      id,
      title,
      statement,
      responsibility,
      status,
      ...(owner.trim() ? { owner: owner.trim() } : {}),
      ...(mappings.length ? { mappings } : {})
    })
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join(' '))
      return
    }
    create.mutate(parsed.data, {
      onSuccess: (control) => {
        toast({ title: `Created ${control.id}`, tone: 'success' })
        created.current = true
        setOpen(false)
        reset()
        onCreated(control.id)
      },
      onError: (createError) => setError(createError.message)
    })
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (next) return setOpen(true)
        const dirty = id !== '' || title !== '' || statement !== '' || responsibility !== 'customer'
        closeUnlessKept(dirty, () => {
          setOpen(false)
          reset()
        })
      }}
    >
      <Dialog.Trigger>{trigger}</Dialog.Trigger>
      <Dialog.Content
        maxWidth="520px"
        onCloseAutoFocus={(event) => {
          // Focus goes to the new control's pane, not back to the button that opened the dialog.
          if (created.current) {
            event.preventDefault()
            focusArrival()
          }
          created.current = false
        }}
      >
        <Dialog.Title>New control</Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="3">
          A control of your own, next to the starter library, with the requirements it meets.
        </Dialog.Description>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          <Flex direction="column" gap="3">
            <label>
              <Text size="1" weight="medium">
                Control id
              </Text>
              <TextField.Root value={id} placeholder="APP-20" onChange={(e) => setId(e.target.value)} autoFocus />
            </label>
            <label>
              <Text size="1" weight="medium">
                Title
              </Text>
              <TextField.Root value={title} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <label>
              <Text size="1" weight="medium">
                Statement
              </Text>
              <TextArea value={statement} rows={3} onChange={(e) => setStatement(e.target.value)} />
            </label>
            <Flex direction="column" gap="1">
              <Text size="1" weight="medium">
                Responsibility
              </Text>
              <ResponsibilitySelect size="2" value={responsibility} onChange={setResponsibility} />
            </Flex>
            <Flex gap="3">
              <label style={{ flex: 1 }}>
                <Text size="1" weight="medium">
                  Owner
                </Text>
                <TextField.Root value={owner} list={ownersId} onChange={(e) => setOwner(e.target.value)} />
                <datalist id={ownersId}>
                  {(people.data ?? [])
                    .filter((person) => !person.retired)
                    .map((person) => (
                      <option key={person.id} value={person.name} />
                    ))}
                </datalist>
              </label>
              <Flex direction="column" gap="1">
                <Text size="1" weight="medium">
                  Status
                </Text>
                <StatusSelect size="2" value={status} onChange={setStatus} />
              </Flex>
            </Flex>
            <MappingsField mappings={mappings} onChange={setMappings} />
            <DialogFooter error={error} pending={create.isPending}>
              Create control
            </DialogFooter>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  )
}

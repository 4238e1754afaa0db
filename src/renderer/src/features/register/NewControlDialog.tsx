import { Button, Callout, Dialog, Flex, Text, TextArea, TextField } from '@radix-ui/themes'
import { useRef, useState, type ReactNode } from 'react'
import type { Responsibility } from '@shared/domain'
import { controlCreateSchema } from '@shared/schemas'
import { useCommand } from '../../api/queries'
import { ResponsibilitySelect } from '../../components/selects'
import { useToast } from '../../components/Toasts'
import { focusArrival } from '../../components/DetailPane'
import { useIntent } from '../../app/intents'
import { closeUnlessKept } from '../../app/unsaved-changes'

/** Adds a control of the organisation's own to the register. */
export function NewControlDialog({ trigger, onCreated }: { trigger: ReactNode; onCreated: (id: string) => void }) {
  const [open, setOpen] = useState(false)
  const [id, setId] = useState('')
  const [title, setTitle] = useState('')
  const [statement, setStatement] = useState('')
  const [responsibility, setResponsibility] = useState<Responsibility>('customer')
  const [error, setError] = useState<string | null>(null)
  const create = useCommand('controls:create')
  const toast = useToast()
  const created = useRef(false)
  useIntent('new-control', () => setOpen(true))

  const reset = (): void => {
    setId('')
    setTitle('')
    setStatement('')
    setResponsibility('customer')
    setError(null)
  }

  const submit = (): void => {
    const parsed = controlCreateSchema.safeParse({ id, title, statement, responsibility })
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
          A control of your own, next to the starter library. Map it to requirements after creating it.
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
            {error && (
              <Callout.Root color="red" size="1" role="alert">
                <Callout.Text>{error}</Callout.Text>
              </Callout.Root>
            )}
            <Flex gap="2" justify="end">
              <Dialog.Close>
                <Button type="button" variant="soft" color="gray">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" loading={create.isPending}>
                Create control
              </Button>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  )
}

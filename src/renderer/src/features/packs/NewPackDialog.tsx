import { Dialog } from '@radix-ui/themes'
import { useRef, useState, type ReactNode } from 'react'
import { toDay, yearEndingOn } from '@shared/dates'
import { packInputSchema } from '@shared/schemas'
import type { AppInfo } from '@shared/types'
import { useAppInfo, useCommand } from '../../api/queries'
import { useToast } from '../../components/Toasts'
import { focusArrival } from '../../components/DetailPane'
import { useIntent } from '../../app/intents'
import { closeUnlessKept } from '../../app/unsaved-changes'
import { changedFields } from '../../components/changed-fields'
import { issuesText, PackFields, type PackFieldValues } from './PackFields'
import { DialogFooter } from '../../components/DialogFooter'

function blankPack(info: AppInfo | undefined): PackFieldValues {
  const period = yearEndingOn(toDay(new Date()))
  return {
    name: '',
    frameworks: ['pci'],
    scope: { accounts: [], organizationalUnits: [] },
    periodStart: period.start,
    periodEnd: period.end,
    organisation: info?.organisationName ?? info?.registerName ?? '',
    auditor: '',
    preparer: info?.actor ?? '',
    scopeStatement: ''
  }
}

/** Starts a pack definition: what the audit covers, for whom, and over which period. */
export function NewPackDialog({ trigger, onCreated }: { trigger: ReactNode; onCreated: (id: string) => void }) {
  const info = useAppInfo()
  const [open, setOpen] = useState(false)
  const [value, setValue] = useState<PackFieldValues>(() => blankPack(info.data))
  const [error, setError] = useState<string | null>(null)
  const create = useCommand('packs:create')
  const toast = useToast()
  const created = useRef(false)
  const start = (): void => {
    setValue(blankPack(info.data))
    setError(null)
    setOpen(true)
  }
  useIntent('new-pack', start)
  const dirty = open && Object.keys(changedFields(blankPack(info.data), value)).length > 0

  const submit = (): void => {
    const parsed = packInputSchema.safeParse(value)
    if (!parsed.success) {
      setError(issuesText(parsed.error.issues))
      return
    }
    create.mutate(parsed.data, {
      onSuccess: (pack) => {
        toast({ title: `Created ${pack.id}`, description: 'Check its readiness, then export it.', tone: 'success' })
        created.current = true
        setOpen(false)
        onCreated(pack.id)
      },
      onError: (createError) => setError(createError.message)
    })
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => (next ? start() : closeUnlessKept(dirty, () => setOpen(false)))}>
      <Dialog.Trigger>{trigger}</Dialog.Trigger>
      <Dialog.Content
        maxWidth="600px"
        onCloseAutoFocus={(event) => {
          // Focus goes to the new pack's pane, not back to the button that opened the dialog.
          if (created.current) {
            event.preventDefault()
            focusArrival()
          }
          created.current = false
        }}
      >
        <Dialog.Title>New pack</Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="3">
          An audit&apos;s evidence pack: the frameworks it covers, the AWS accounts in scope and the audit period.
          Evidence counts when its effective date or covered period falls in the period.
        </Dialog.Description>
        <form
          className="form"
          aria-label="New pack"
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          <PackFields value={value} onChange={setValue} />
          <DialogFooter error={error} pending={create.isPending}>
            Create pack
          </DialogFooter>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  )
}

import { Dialog, Flex, TextField } from '@radix-ui/themes'
import { useId, useState, type ReactNode } from 'react'
import { accountInputSchema } from '@shared/schemas'
import type { AwsAccount } from '@shared/types'
import { useCommand, useOrganizationalUnits } from '../../api/queries'
import { Field } from '../../components/Field'
import { useToast } from '../../components/Toasts'
import { DialogFooter } from '../../components/DialogFooter'

const ENVIRONMENTS = ['Production', 'Staging', 'Test', 'Development', 'Shared services', 'Security', 'Sandbox']

/** Adds an AWS account, or edits one (its id stays: evidence and packs name accounts by id). */
export function AccountDialog({
  account,
  trigger,
  initialId,
  open: controlledOpen,
  onOpenChange
}: {
  account?: AwsAccount
  trigger?: ReactNode
  /** An account id to start from (an id evidence named that the register does not list). */
  initialId?: string
  /** Opened from elsewhere (an import that named an unknown account) rather than by a trigger. */
  open?: boolean
  onOpenChange?: (open: boolean) => void
}) {
  const [ownOpen, setOwnOpen] = useState(false)
  const open = controlledOpen ?? ownOpen
  const setOpen = onOpenChange ?? setOwnOpen
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      {trigger && <Dialog.Trigger>{trigger}</Dialog.Trigger>}
      <Dialog.Content maxWidth="520px">
        <Dialog.Title>{account ? `Edit ${account.name}` : 'Add an AWS account'}</Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="3">
          {account
            ? 'Evidence and packs name the account by its id, which does not change.'
            : 'The account id is the 12 digits AWS shows under the account name.'}
        </Dialog.Description>
        {open && (
          <AccountFields
            {...(account ? { account } : {})}
            {...(initialId ? { initialId } : {})}
            onDone={() => setOpen(false)}
          />
        )}
      </Dialog.Content>
    </Dialog.Root>
  )
}

function AccountFields({
  account,
  initialId,
  onDone
}: {
  account?: AwsAccount
  initialId?: string
  onDone: () => void
}) {
  const [accountId, setAccountId] = useState(account?.accountId ?? initialId ?? '')
  const [name, setName] = useState(account?.name ?? '')
  const [environment, setEnvironment] = useState(account?.environment ?? '')
  const [purpose, setPurpose] = useState(account?.purpose ?? '')
  const [unit, setUnit] = useState(account?.organizationalUnit ?? '')
  const [error, setError] = useState<string | null>(null)
  const units = useOrganizationalUnits()
  const add = useCommand('accounts:add')
  const update = useCommand('accounts:update')
  const toast = useToast()
  const environmentsId = useId()
  const unitsId = useId()

  const submit = (): void => {
    setError(null)
    const fields = { name, environment, purpose, organizationalUnit: unit }
    if (account) {
      const patch = Object.fromEntries(
        Object.entries(fields).filter(([key, value]) => value.trim() !== account[key as keyof typeof fields])
      )
      if (Object.keys(patch).length === 0) return onDone()
      update.mutate(
        { accountId: account.accountId, patch },
        {
          onSuccess: (saved) => {
            toast({ title: `Saved ${saved.name}`, tone: 'success' })
            onDone()
          },
          onError: (saveError) => setError(saveError.message)
        }
      )
      return
    }
    const parsed = accountInputSchema.safeParse({ accountId: accountId.trim(), ...fields })
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join(' '))
      return
    }
    add.mutate(parsed.data, {
      onSuccess: (saved) => {
        toast({ title: `Added ${saved.name} (${saved.accountId})`, tone: 'success' })
        onDone()
      },
      onError: (saveError) => setError(saveError.message)
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
        <Field label="Account id" hint={account ? undefined : '12 digits, such as 111122223333.'}>
          {(id) => (
            <TextField.Root
              id={id}
              value={accountId}
              inputMode="numeric"
              disabled={account !== undefined}
              placeholder="111122223333"
              autoFocus={!account}
              onChange={(event) => setAccountId(event.target.value)}
            />
          )}
        </Field>
        <Field label="Account name">
          {(id) => (
            <TextField.Root
              id={id}
              value={name}
              autoFocus={account !== undefined}
              placeholder="Production"
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Flex gap="3">
          <Field label="Environment">
            {(id) => (
              <>
                <TextField.Root
                  id={id}
                  value={environment}
                  list={environmentsId}
                  onChange={(event) => setEnvironment(event.target.value)}
                />
                <datalist id={environmentsId}>
                  {ENVIRONMENTS.map((value) => (
                    <option key={value} value={value} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label="Organizational unit">
            {(id) => (
              <>
                <TextField.Root id={id} value={unit} list={unitsId} onChange={(event) => setUnit(event.target.value)} />
                <datalist id={unitsId}>
                  {(units.data ?? []).map((value) => (
                    <option key={value.name} value={value.name} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </Flex>
        <Field label="Purpose">
          {(id) => (
            <TextField.Root
              id={id}
              value={purpose}
              placeholder="Card payments (the cardholder data environment)"
              onChange={(event) => setPurpose(event.target.value)}
            />
          )}
        </Field>
        <DialogFooter error={error} pending={add.isPending || update.isPending}>
          {account ? 'Save account' : 'Add account'}
        </DialogFooter>
      </Flex>
    </form>
  )
}

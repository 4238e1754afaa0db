import { Button, Dialog, Flex, Text, TextField } from '@radix-ui/themes'
import { useState, type ReactNode } from 'react'
import { formatFingerprint } from '@shared/fingerprint'
import { useCommand } from '../../api/queries'

const FINGERPRINT = /^[0-9a-f]{64}$/i

/**
 * Trusting a preparer's key: the fingerprint must have reached the user by another channel (an e-mail,
 * a call), so the dialog asks them to compare it before the register records it, with whose key it is.
 */
export function TrustKeyDialog({
  fingerprint,
  trigger,
  onTrusted
}: {
  fingerprint?: string
  trigger: ReactNode
  onTrusted?: () => void
}) {
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const [label, setLabel] = useState('')
  const trust = useCommand('keys:trust')
  const value = fingerprint ?? typed
  const valid = FINGERPRINT.test(value.replace(/[\s:]/g, ''))

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) {
          setTyped('')
          setLabel('')
          trust.reset()
        }
      }}
    >
      <Dialog.Trigger>{trigger}</Dialog.Trigger>
      <Dialog.Content maxWidth="520px">
        <Dialog.Title>Trust a signing key</Dialog.Title>
        <Dialog.Description size="2" mb="3">
          Packs signed with a trusted key verify as “A key this register trusts”. Trust a key only after comparing its
          fingerprint with the one the preparer gave you by another channel. The change is recorded in the audit log.
        </Dialog.Description>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (!valid) return
            trust.mutate(
              { fingerprint: value, ...(label.trim() ? { label: label.trim() } : {}) },
              {
                onSuccess: () => {
                  setOpen(false)
                  onTrusted?.()
                }
              }
            )
          }}
        >
          <Flex direction="column" gap="3">
            <label>
              <Text as="div" size="2" weight="medium" mb="1">
                Fingerprint
              </Text>
              <TextField.Root
                autoFocus={!fingerprint}
                readOnly={!!fingerprint}
                value={fingerprint ? formatFingerprint(fingerprint) : typed}
                onChange={(event) => setTyped(event.target.value)}
                placeholder="64 hexadecimal digits"
                className="mono"
              />
            </label>
            <label>
              <Text as="div" size="2" weight="medium" mb="1">
                Whose key it is
              </Text>
              <TextField.Root
                autoFocus={!!fingerprint}
                value={label}
                maxLength={200}
                onChange={(event) => setLabel(event.target.value)}
                placeholder="e.g. Jane Doe, Example Coffee compliance"
              />
            </label>
            {typed && !valid && (
              <Text size="1" color="red">
                A fingerprint is 64 hexadecimal digits; spaces and colons are ignored.
              </Text>
            )}
            {trust.error && (
              <Text size="1" color="red" role="alert">
                {trust.error.message}
              </Text>
            )}
            <Flex gap="2" justify="end">
              <Dialog.Close>
                <Button type="button" variant="soft" color="gray">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={!valid} loading={trust.isPending}>
                Trust key
              </Button>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  )
}

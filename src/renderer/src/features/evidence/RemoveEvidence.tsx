import { AlertDialog, Button, Flex, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import type { EvidenceDetail } from '@shared/types'
import { call } from '../../api/client'
import { useCommand } from '../../api/queries'
import { useToast } from '../../components/Toasts'

/** Removing is soft: the record and file stay, hidden from lists and packs, and can be restored. */
export function RemoveEvidence({ item }: { item: EvidenceDetail }) {
  const [reason, setReason] = useState('')
  const remove = useCommand('evidence:remove')
  const restore = useCommand('evidence:restore')
  const toast = useToast()
  if (item.removed) {
    return (
      <Button
        size="1"
        variant="soft"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => restore.mutate({ id: item.id })}
        loading={restore.isPending}
      >
        Restore {item.id}
      </Button>
    )
  }
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger>
        <Button size="1" variant="soft" color="red" style={{ alignSelf: 'flex-start' }}>
          Remove…
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Content maxWidth="460px">
        <AlertDialog.Title>Remove {item.id}?</AlertDialog.Title>
        <AlertDialog.Description size="2">
          It will no longer appear in lists or packs. The file and its history are kept, and you can restore it at any
          time.
        </AlertDialog.Description>
        <TextField.Root
          mt="3"
          placeholder="Reason (optional, kept in the audit log)"
          aria-label="Reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Flex gap="2" mt="3" justify="end">
          <AlertDialog.Cancel>
            <Button variant="soft" color="gray">
              Cancel
            </Button>
          </AlertDialog.Cancel>
          <AlertDialog.Action>
            <Button
              color="red"
              onClick={() =>
                remove.mutate(
                  { id: item.id, ...(reason.trim() ? { reason: reason.trim() } : {}) },
                  {
                    onSuccess: () =>
                      toast({
                        title: `Removed ${item.id}`,
                        tone: 'success',
                        action: { label: 'Undo', onClick: () => void call('evidence:restore', { id: item.id }) }
                      })
                  }
                )
              }
            >
              Remove
            </Button>
          </AlertDialog.Action>
        </Flex>
      </AlertDialog.Content>
    </AlertDialog.Root>
  )
}

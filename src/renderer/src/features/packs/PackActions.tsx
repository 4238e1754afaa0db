import { CopyIcon, TrashIcon } from '@radix-ui/react-icons'
import { AlertDialog, Button, Flex } from '@radix-ui/themes'
import { useLocation } from 'wouter'
import type { PackDefinition } from '@shared/types'
import { useCommand } from '../../api/queries'
import { useToast } from '../../components/Toasts'
import { formatPeriod } from '../../components/dates'

/** "Copy for next year" and "Delete…": a definition is deleted, never the files exported from it. */
export function PackActions({ pack }: { pack: PackDefinition }) {
  const [, navigate] = useLocation()
  const copy = useCommand('packs:copy')
  const remove = useCommand('packs:delete')
  const toast = useToast()
  return (
    <Flex gap="2" wrap="wrap">
      <Button
        size="1"
        variant="soft"
        loading={copy.isPending}
        onClick={() =>
          copy.mutate(
            { id: pack.id },
            {
              onSuccess: (next) => {
                toast({
                  title: `Created ${next.id} for the next audit`,
                  description: `${next.name}: ${formatPeriod(next.periodStart, next.periodEnd)}`,
                  tone: 'success'
                })
                navigate(`/packs/${next.id}`)
              },
              onError: (error) => toast({ title: 'Could not copy the pack', description: error.message, tone: 'error' })
            }
          )
        }
      >
        <CopyIcon /> Copy for next year
      </Button>
      <AlertDialog.Root>
        <AlertDialog.Trigger>
          <Button size="1" variant="soft" color="red">
            <TrashIcon /> Delete…
          </Button>
        </AlertDialog.Trigger>
        <AlertDialog.Content maxWidth="460px">
          <AlertDialog.Title>Delete {pack.id}?</AlertDialog.Title>
          <AlertDialog.Description size="2">
            The definition of &ldquo;{pack.name}&rdquo; and its control choices are deleted; the audit log keeps a copy.
            Files already exported from it are kept where they are.
          </AlertDialog.Description>
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
                    { id: pack.id },
                    {
                      onSuccess: () => {
                        toast({ title: `Deleted ${pack.id}`, tone: 'success' })
                        navigate('/packs')
                      },
                      onError: (error) =>
                        toast({ title: 'Could not delete the pack', description: error.message, tone: 'error' })
                    }
                  )
                }
              >
                Delete pack
              </Button>
            </AlertDialog.Action>
          </Flex>
        </AlertDialog.Content>
      </AlertDialog.Root>
    </Flex>
  )
}

import { Cross2Icon } from '@radix-ui/react-icons'
import { Button, Flex, Heading, IconButton, Text } from '@radix-ui/themes'
import type { EvidenceDetail } from '@shared/types'
import { useCommand } from '../../api/queries'
import { useFrameworkList, useShortName } from '../../api/framework-names'
import { ControlLinkList } from '../../components/ControlLinkList'
import { ControlPicker } from '../../components/ControlPicker'
import { EmptyState } from '../../components/states'
import { useToast } from '../../components/Toasts'

/** The controls this evidence speaks for; AWS reports link to all inherited controls in one step. */
export function EvidenceControlsTab({ item }: { item: EvidenceDetail }) {
  const shortName = useShortName()
  const frameworks = useFrameworkList()
  const link = useCommand('evidence:link')
  const unlink = useCommand('evidence:unlink')
  const inherited = useCommand('evidence:linkInherited')
  const toast = useToast()
  const failed = (error: Error): void =>
    toast({ title: 'Could not change the links', description: error.message, tone: 'error' })

  return (
    <Flex direction="column" gap="3">
      <Flex gap="2" wrap="wrap">
        <ControlPicker
          label="Link to a control"
          exclude={{ linkedToEvidence: item.id }}
          onPick={(control) => link.mutate({ id: item.id, control }, { onError: failed })}
        />
      </Flex>
      {item.source === 'aws-artifact' && (
        <section aria-label="Link to AWS-inherited controls">
          <Text as="p" size="1" color="gray" mb="1">
            An AWS report is the evidence for the controls you inherit from AWS:
          </Text>
          <Flex gap="2" wrap="wrap">
            {frameworks.map(({ id: framework }) => (
              <Button
                key={framework}
                size="1"
                variant="surface"
                onClick={() =>
                  inherited.mutate(
                    { id: item.id, framework },
                    {
                      onSuccess: (result) =>
                        toast({
                          title: `Linked to ${result.linked.length} AWS-inherited ${shortName(framework)} controls`,
                          description: result.alreadyLinked ? `${result.alreadyLinked} were already linked` : undefined,
                          tone: 'success'
                        }),
                      onError: failed
                    }
                  )
                }
              >
                All AWS-inherited {shortName(framework)} controls
              </Button>
            ))}
          </Flex>
        </section>
      )}
      {item.linkedControls.length === 0 ? (
        <EmptyState title="Not linked to any control">Link it to the controls it is evidence for.</EmptyState>
      ) : (
        <section aria-label="Linked controls">
          <Heading as="h3" size="2" mb="1">
            Linked controls ({item.linkedControls.length})
          </Heading>
          <ControlLinkList
            controls={item.linkedControls}
            action={(control) => (
              <IconButton
                size="1"
                variant="ghost"
                color="gray"
                aria-label={`Unlink ${control.id}`}
                onClick={() =>
                  unlink.mutate(
                    { id: item.id, control: control.id },
                    {
                      onSuccess: () =>
                        toast({
                          title: `Unlinked ${control.id}`,
                          tone: 'success',
                          action: { label: 'Undo', onClick: () => link.mutate({ id: item.id, control: control.id }) }
                        }),
                      onError: failed
                    }
                  )
                }
              >
                <Cross2Icon />
              </IconButton>
            )}
          />
        </section>
      )}
    </Flex>
  )
}

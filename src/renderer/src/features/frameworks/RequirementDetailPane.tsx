import { Button, Callout, Dialog, Flex, Heading, Text, TextArea } from '@radix-ui/themes'
import { useState } from 'react'
import type { RequirementNode } from '@shared/types'
import { useCommand } from '../../api/queries'
import { FRAMEWORK_SHORT_NAMES } from '../../components/badges'
import { ControlLinkList } from '../../components/ControlLinkList'
import { ControlPicker } from '../../components/ControlPicker'
import { DetailPane } from '../../components/DetailPane'
import { useToast } from '../../components/Toasts'
import { RequirementAttributes } from './RequirementAttributes'

/** One requirement: what it is, which controls meet it, and whether it applies. */
export function RequirementDetailPane({ node, onClose }: { node: RequirementNode; onClose: () => void }) {
  const label = `${FRAMEWORK_SHORT_NAMES[node.framework]} ${node.ref}`
  return (
    <DetailPane
      label={`Requirement ${label}`}
      kicker={label}
      title={node.title}
      badges={<RequirementAttributes node={node} />}
      onClose={onClose}
    >
      <div className="detail-body">
        {node.assessable && <Scoping node={node} />}
        <Heading as="h3" size="2" mt="3" mb="1">
          Controls ({node.controls.length})
        </Heading>
        {node.controls.length === 0 ? (
          <Text as="p" size="1" color="gray">
            {node.assessable
              ? 'No control is mapped to this requirement yet.'
              : 'Grouping heading: see the requirements below it.'}
          </Text>
        ) : (
          <ControlLinkList controls={node.controls} />
        )}
        {node.assessable && <MapControl node={node} />}
      </div>
    </DetailPane>
  )
}

function Scoping({ node }: { node: RequirementNode }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState(node.scopingReason ?? '')
  const scope = useCommand('requirements:scope')
  const toast = useToast()
  const apply = (applicable: boolean): void =>
    scope.mutate(
      { framework: node.framework, ref: node.ref, applicable, reason: applicable ? '' : reason },
      {
        onSuccess: () => {
          setOpen(false)
          toast({
            title: applicable ? `${node.ref} applies again` : `${node.ref} marked not applicable`,
            tone: 'success'
          })
        }
      }
    )

  if (!node.applicable) {
    return (
      <Callout.Root color="gray" size="1">
        <Callout.Text>
          <strong>Not applicable.</strong> {node.scopingReason}
        </Callout.Text>
        <Button size="1" variant="soft" onClick={() => apply(true)} loading={scope.isPending}>
          Mark applicable
        </Button>
      </Callout.Root>
    )
  }
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger>
        <Button size="1" variant="soft" color="gray">
          Mark not applicable…
        </Button>
      </Dialog.Trigger>
      <Dialog.Content maxWidth="480px">
        <Dialog.Title>Mark {node.ref} not applicable</Dialog.Title>
        <Dialog.Description size="2" color="gray">
          The auditor will read this reason instead of a control. It is recorded in the audit log.
        </Dialog.Description>
        <Flex direction="column" gap="2" mt="3">
          <label>
            <Text size="1" weight="medium">
              Reason
            </Text>
            <TextArea rows={4} value={reason} onChange={(event) => setReason(event.target.value)} autoFocus />
          </label>
          {scope.error && (
            <Callout.Root color="red" size="1" role="alert">
              <Callout.Text>{scope.error.message}</Callout.Text>
            </Callout.Root>
          )}
          <Flex gap="2" justify="end">
            <Dialog.Close>
              <Button variant="soft" color="gray">
                Cancel
              </Button>
            </Dialog.Close>
            <Button onClick={() => apply(false)} disabled={!reason.trim()} loading={scope.isPending}>
              Mark not applicable
            </Button>
          </Flex>
        </Flex>
      </Dialog.Content>
    </Dialog.Root>
  )
}

function MapControl({ node }: { node: RequirementNode }) {
  const map = useCommand('controls:map')
  const toast = useToast()
  return (
    <Flex mt="2">
      <ControlPicker
        label="Map a control"
        exclude={node.controls.map((control) => control.id)}
        onPick={(id) =>
          map.mutate(
            { id, framework: node.framework, ref: node.ref },
            {
              onSuccess: () => toast({ title: `Mapped ${id} to ${node.ref}`, tone: 'success' }),
              onError: (error) => toast({ title: 'Could not map', description: error.message, tone: 'error' })
            }
          )
        }
      />
    </Flex>
  )
}

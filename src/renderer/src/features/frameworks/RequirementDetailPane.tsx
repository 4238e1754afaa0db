import { Button, Callout, Dialog, Flex, Heading, RadioGroup, Text, TextArea } from '@radix-ui/themes'
import {
  ADDRESSABLE_DECISION_LABELS,
  ADDRESSABLE_DECISIONS,
  type AddressableDecision as AddressableDecisionValue
} from '@shared/compliance/results'
import { PlusIcon } from '@radix-ui/react-icons'
import { useState } from 'react'
import { useOpenRegister } from '../../app/register-filters'
import type { RequirementNode } from '@shared/types'
import { useCommand, useRequirementControls } from '../../api/queries'
import { useShortName } from '../../api/framework-names'
import { ResultBadge } from '../../components/badges'
import { ControlLinkList } from '../../components/ControlLinkList'
import { ConfirmButton } from '../../components/ConfirmButton'
import { ControlPicker } from '../../components/ControlPicker'
import { NewControlDialog } from '../register/NewControlDialog'
import { DetailPane } from '../../components/DetailPane'
import { useToast } from '../../components/Toasts'
import { RequirementAttributes } from './RequirementAttributes'
import { formatMoment } from '../../components/dates'

/** One requirement: what it is, which controls meet it, and whether it applies. */
export function RequirementDetailPane({
  node,
  takeFocus = false,
  onClose
}: {
  node: RequirementNode
  /** Move focus into the pane when it opens (it was opened from the keyboard). */
  takeFocus?: boolean
  onClose: () => void
}) {
  const shortName = useShortName()
  const label = `${shortName(node.framework)} ${node.ref}`
  // The tree lists only a node's first controls: the pane reads them all when it opens.
  const total = node.controlCount ?? node.controls.length
  const all = useRequirementControls(node.framework, node.ref)
  const openRegister = useOpenRegister()
  const controls = total > node.controls.length ? (all.data?.items ?? node.controls) : node.controls
  return (
    <DetailPane
      takeFocus={takeFocus}
      label={`Requirement ${label}`}
      kicker={label}
      title={node.title}
      badges={<RequirementAttributes node={node} />}
      onClose={onClose}
    >
      <div className="detail-body">
        {node.result && <Result node={node} />}
        {node.specification === 'Addressable' && node.applicable && <AddressableDecision node={node} />}
        {node.assessable && <Scoping node={node} />}
        <Heading as="h3" size="2" mt="3" mb="1">
          Controls ({total})
        </Heading>
        {total === 0 ? (
          <Text as="p" size="1" color="gray">
            {node.assessable
              ? 'No control is mapped to this requirement yet.'
              : 'Grouping heading: see the requirements below it.'}
          </Text>
        ) : (
          <>
            <ControlLinkList controls={controls} />
            {total > controls.length && (
              <Text as="p" size="1" color="gray">
                {controls.length} of {total} shown.{' '}
                <Button size="1" variant="ghost" onClick={() => openRegister({ framework: node.framework })}>
                  Open the register filtered to {shortName(node.framework)}
                </Button>
              </Text>
            )}
          </>
        )}
        {node.assessable && <MapControl node={node} />}
      </div>
    </DetailPane>
  )
}

/** The requirement's result from the one result rule, and every fact that decided it. */
function Result({ node }: { node: RequirementNode }) {
  return (
    <section aria-label="Result" className="requirement-result">
      <Flex align="center" gap="2" mb="1">
        <Heading as="h3" size="2">
          Result
        </Heading>
        <ResultBadge result={node.result!} />
      </Flex>
      <ul className="reasons">
        {node.reasons.map((reason) => (
          <li key={reason}>
            <Text size="1">{reason}</Text>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** HIPAA: the decision documented for an addressable implementation specification, and its rationale. */
function AddressableDecision({ node }: { node: RequirementNode }) {
  const [open, setOpen] = useState(false)
  const [decision, setDecision] = useState<AddressableDecisionValue>(node.decision?.decision ?? 'implemented')
  const [rationale, setRationale] = useState(node.decision?.rationale ?? '')
  const decide = useCommand('requirements:decide')
  const toast = useToast()
  const save = (next: AddressableDecisionValue | null): void =>
    decide.mutate(
      { framework: node.framework, ref: node.ref, decision: next, rationale: next === null ? '' : rationale },
      {
        onSuccess: () => {
          setOpen(false)
          toast({
            title: next === null ? `Decision for ${node.ref} removed` : `Decision for ${node.ref} recorded`,
            tone: 'success'
          })
        }
      }
    )
  return (
    <section aria-label="Addressable specification decision" className="addressable-decision">
      <Heading as="h3" size="2" mt="3" mb="1">
        Addressable specification
      </Heading>
      {node.decision ? (
        <Text as="p" size="1">
          <strong>{ADDRESSABLE_DECISION_LABELS[node.decision.decision]}.</strong> {node.decision.rationale}{' '}
          <Text color="gray">
            ({node.decision.decidedBy}, {formatMoment(node.decision.decidedAt)})
          </Text>
        </Text>
      ) : (
        <Text as="p" size="1" color="amber">
          No decision recorded: the pack lists it as an open item.
        </Text>
      )}
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Flex gap="2" mt="1">
          <Dialog.Trigger>
            <Button size="1" variant="soft">
              {node.decision ? 'Change decision…' : 'Record decision…'}
            </Button>
          </Dialog.Trigger>
          {node.decision && (
            <Button size="1" variant="soft" color="gray" onClick={() => save(null)} loading={decide.isPending}>
              Remove decision
            </Button>
          )}
        </Flex>
        <Dialog.Content maxWidth="520px">
          <Dialog.Title>Decision for {node.ref}</Dialog.Title>
          <Dialog.Description size="2" color="gray">
            HIPAA lets a covered entity implement an addressable specification as specified, implement an equivalent
            alternative, or document why neither is reasonable and appropriate. The auditor reads the rationale.
          </Dialog.Description>
          <Flex direction="column" gap="2" mt="3">
            <RadioGroup.Root
              size="1"
              value={decision}
              onValueChange={(value) => setDecision(value as AddressableDecisionValue)}
              aria-label="Decision"
            >
              {ADDRESSABLE_DECISIONS.map((value) => (
                <RadioGroup.Item key={value} value={value}>
                  {ADDRESSABLE_DECISION_LABELS[value]}
                </RadioGroup.Item>
              ))}
            </RadioGroup.Root>
            <label>
              <Text size="1" weight="medium">
                Rationale
              </Text>
              <TextArea rows={4} value={rationale} onChange={(event) => setRationale(event.target.value)} />
            </label>
            {decide.error && (
              <Callout.Root color="red" size="1" role="alert">
                <Callout.Text>{decide.error.message}</Callout.Text>
              </Callout.Root>
            )}
            <Flex gap="2" justify="end">
              <Dialog.Close>
                <Button variant="soft" color="gray">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button onClick={() => save(decision)} disabled={!rationale.trim()} loading={decide.isPending}>
                Record decision
              </Button>
            </Flex>
          </Flex>
        </Dialog.Content>
      </Dialog.Root>
    </section>
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
        <ConfirmButton
          size="1"
          variant="soft"
          loading={scope.isPending}
          title={`Mark ${node.ref} applicable?`}
          description="The reason it does not apply is withdrawn: the requirement is judged by its controls again, in the app and in every pack. The change is recorded in the audit log."
          confirmLabel="Mark applicable"
          onConfirm={() => apply(true)}
        >
          Mark applicable
        </ConfirmButton>
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
    <Flex mt="2" gap="2" wrap="wrap">
      <NewControlDialog
        initialMappings={[{ framework: node.framework, ref: node.ref }]}
        onCreated={(id) => toast({ title: `${id} now meets ${node.ref}`, tone: 'success' })}
        trigger={
          <Button size="1" variant="soft">
            <PlusIcon /> Create a control for this requirement
          </Button>
        }
      />
      <ControlPicker
        label="Map a control"
        exclude={{ mappedTo: { frameworks: [node.framework], ref: node.ref } }}
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

import { Cross2Icon, PlusIcon } from '@radix-ui/react-icons'
import { Button, Flex, Heading, IconButton, Popover, Select, Text } from '@radix-ui/themes'
import { Command } from 'cmdk'
import { useState } from 'react'
import { Link } from 'wouter'
import type { FrameworkId } from '@shared/domain'
import type { ControlDetail } from '@shared/types'
import { useCommand, useRequirementTree } from '../../api/queries'
import { useFrameworkList, useShortName } from '../../api/framework-names'
import { EmptyState } from '../../components/states'
import { useToast } from '../../components/Toasts'

/** The requirements a control helps meet, per framework; add and remove mappings. */
export function ControlMappingsTab({ control }: { control: ControlDetail }) {
  const shortName = useShortName()
  const frameworks = useFrameworkList()
  const unmap = useCommand('controls:unmap')
  const map = useCommand('controls:map')
  const toast = useToast()

  const remove = (framework: FrameworkId, ref: string): void => {
    unmap.mutate(
      { id: control.id, framework, ref },
      {
        onSuccess: () =>
          toast({
            title: `Removed ${shortName(framework)} ${ref} from ${control.id}`,
            tone: 'success',
            action: { label: 'Undo', onClick: () => map.mutate({ id: control.id, framework, ref }) }
          }),
        onError: (error) => toast({ title: 'Could not remove the mapping', description: error.message, tone: 'error' })
      }
    )
  }

  return (
    <Flex direction="column" gap="3">
      <AddMapping control={control} />
      {control.requirements.length === 0 && (
        <EmptyState title="Not mapped yet">
          Map this control to the requirements it helps meet, so it counts towards their coverage.
        </EmptyState>
      )}
      {frameworks.map(({ id: framework }) => {
        const refs = control.requirements.filter((requirement) => requirement.framework === framework)
        if (refs.length === 0) return null
        return (
          <section key={framework} aria-label={`${shortName(framework)} mappings`}>
            <Heading as="h3" size="2" mb="1">
              {shortName(framework)} ({refs.length})
            </Heading>
            <ul className="mapping-list">
              {refs.map((requirement) => (
                <li key={requirement.ref}>
                  <Link
                    href={`/frameworks/${framework}/${encodeURIComponent(requirement.ref)}`}
                    className="mono mapping-ref"
                  >
                    {requirement.ref}
                  </Link>
                  <Text size="1" className="truncate" title={requirement.title}>
                    {requirement.title}
                  </Text>
                  <IconButton
                    size="1"
                    variant="ghost"
                    color="gray"
                    aria-label={`Remove mapping to ${shortName(framework)} ${requirement.ref}`}
                    onClick={() => remove(framework, requirement.ref)}
                  >
                    <Cross2Icon />
                  </IconButton>
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </Flex>
  )
}

function AddMapping({ control }: { control: ControlDetail }) {
  const shortName = useShortName()
  const frameworks = useFrameworkList()
  const [framework, setFramework] = useState<FrameworkId>('pci')
  const [open, setOpen] = useState(false)
  const tree = useRequirementTree(framework)
  const map = useCommand('controls:map')
  const toast = useToast()
  const mapped = new Set(control.requirements.filter((r) => r.framework === framework).map((r) => r.ref))
  const candidates = (tree.data ?? []).filter((node) => node.assessable && !mapped.has(node.ref))

  return (
    <Flex gap="2" align="center">
      <Select.Root size="1" value={framework} onValueChange={(value) => setFramework(value as FrameworkId)}>
        <Select.Trigger aria-label="Framework to map to" />
        <Select.Content position="popper">
          {frameworks.map(({ id }) => (
            <Select.Item key={id} value={id}>
              {shortName(id)}
            </Select.Item>
          ))}
        </Select.Content>
      </Select.Root>
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger>
          <Button size="1" variant="soft">
            <PlusIcon /> Add mapping
          </Button>
        </Popover.Trigger>
        <Popover.Content size="1" width="420px" className="picker">
          <Command label={`Requirements of ${shortName(framework)}`}>
            <Command.Input placeholder="Find a requirement by reference or words" autoFocus />
            <Command.List>
              <Command.Empty>No requirement matches.</Command.Empty>
              {candidates.map((node) => (
                <Command.Item
                  key={node.ref}
                  value={`${node.ref} ${node.title}`}
                  onSelect={() => {
                    setOpen(false)
                    map.mutate(
                      { id: control.id, framework, ref: node.ref },
                      {
                        onSuccess: () =>
                          toast({
                            title: `Mapped ${control.id} to ${shortName(framework)} ${node.ref}`,
                            tone: 'success'
                          }),
                        onError: (error) =>
                          toast({ title: 'Could not add the mapping', description: error.message, tone: 'error' })
                      }
                    )
                  }}
                >
                  <span className="mono">{node.ref}</span> <span>{node.title}</span>
                </Command.Item>
              ))}
            </Command.List>
          </Command>
        </Popover.Content>
      </Popover.Root>
    </Flex>
  )
}

import { PlusIcon } from '@radix-ui/react-icons'
import { Button, Popover } from '@radix-ui/themes'
import { Command } from 'cmdk'
import { useState } from 'react'
import { useControls } from '../api/queries'

/** "Add a control": a searchable list of the register's controls, minus those already chosen. */
export function ControlPicker({
  label,
  exclude,
  onPick
}: {
  label: string
  exclude: string[]
  onPick: (id: string) => void
}) {
  const [open, setOpen] = useState(false)
  const controls = useControls({})
  const excluded = new Set(exclude)
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger>
        <Button size="1" variant="soft">
          <PlusIcon /> {label}
        </Button>
      </Popover.Trigger>
      <Popover.Content size="1" width="420px" className="picker">
        <Command label="Controls">
          <Command.Input placeholder="Find a control" autoFocus />
          <Command.List>
            <Command.Empty>No control matches.</Command.Empty>
            {(controls.data ?? [])
              .filter((control) => !excluded.has(control.id))
              .map((control) => (
                <Command.Item
                  key={control.id}
                  value={`${control.id} ${control.title}`}
                  onSelect={() => {
                    setOpen(false)
                    onPick(control.id)
                  }}
                >
                  <span className="mono">{control.id}</span> <span>{control.title}</span>
                </Command.Item>
              ))}
          </Command.List>
        </Command>
      </Popover.Content>
    </Popover.Root>
  )
}

import { Cross2Icon } from '@radix-ui/react-icons'
import { Badge, Button, Flex, IconButton, Select, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import type { Mapping } from '@shared/types'
import { useFrameworkList, useShortName } from '../../api/framework-names'

/** The requirements a new control meets: a framework and a reference each (checked by the register on saving). */
export function MappingsField({ mappings, onChange }: { mappings: Mapping[]; onChange: (next: Mapping[]) => void }) {
  const frameworks = useFrameworkList()
  const shortName = useShortName()
  const [framework, setFramework] = useState<string>('')
  const [ref, setRef] = useState('')
  const chosenFramework = framework || mappings[0]?.framework || frameworks[0]?.id || ''
  const add = (): void => {
    const trimmed = ref.trim()
    if (!trimmed || !chosenFramework) return
    if (!mappings.some((item) => item.framework === chosenFramework && item.ref === trimmed)) {
      onChange([...mappings, { framework: chosenFramework, ref: trimmed }])
    }
    setRef('')
  }
  return (
    <Flex direction="column" gap="1" role="group" aria-label="Requirements it meets">
      <Text size="1" weight="medium">
        Requirements it meets
      </Text>
      {mappings.length > 0 && (
        <Flex gap="1" wrap="wrap">
          {mappings.map((mapping) => (
            <Badge key={`${mapping.framework}:${mapping.ref}`} size="2" variant="soft">
              {shortName(mapping.framework)} {mapping.ref}
              <IconButton
                size="1"
                variant="ghost"
                type="button"
                aria-label={`Remove ${shortName(mapping.framework)} ${mapping.ref}`}
                onClick={() => onChange(mappings.filter((item) => item !== mapping))}
              >
                <Cross2Icon />
              </IconButton>
            </Badge>
          ))}
        </Flex>
      )}
      <Flex gap="2" align="center">
        <Select.Root value={chosenFramework} onValueChange={setFramework}>
          <Select.Trigger aria-label="Framework of the requirement" />
          <Select.Content position="popper">
            {frameworks.map((item) => (
              <Select.Item key={item.id} value={item.id}>
                {item.shortName}
              </Select.Item>
            ))}
          </Select.Content>
        </Select.Root>
        <TextField.Root
          aria-label="Requirement reference"
          placeholder="3.3.3 or 164.312(b)"
          value={ref}
          onChange={(event) => setRef(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              add()
            }
          }}
        />
        <Button type="button" size="1" variant="soft" onClick={add} disabled={!ref.trim()}>
          Add
        </Button>
      </Flex>
    </Flex>
  )
}

import { Flex, Text } from '@radix-ui/themes'
import { useId, type ReactNode } from 'react'

/** A labelled form field: the label names the control for assistive technology and tests. */
export function Field({
  label,
  children,
  hint
}: {
  label: string
  children: (id: string) => ReactNode
  hint?: string
}) {
  const id = useId()
  return (
    <Flex direction="column" gap="1" className="field">
      <Text as="label" htmlFor={id} size="1" weight="medium">
        {label}
      </Text>
      {children(id)}
      {hint && (
        <Text size="1" color="gray">
          {hint}
        </Text>
      )}
    </Flex>
  )
}

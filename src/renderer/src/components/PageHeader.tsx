import { Flex, Heading, Text } from '@radix-ui/themes'
import type { ReactNode } from 'react'

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <Flex className="page-header" align="center" justify="between" gap="3" wrap="wrap">
      <Flex direction="column" gap="0">
        <Heading as="h1" size="5" tabIndex={-1} className="page-title">
          {title}
        </Heading>
        {subtitle && (
          <Text size="1" color="gray">
            {subtitle}
          </Text>
        )}
      </Flex>
      {actions && (
        <Flex gap="2" align="center" wrap="wrap">
          {actions}
        </Flex>
      )}
    </Flex>
  )
}

import { ExclamationTriangleIcon, InfoCircledIcon } from '@radix-ui/react-icons'
import { Callout, Flex, Heading, Spinner, Text } from '@radix-ui/themes'
import type { ReactNode } from 'react'
import { errorMessage } from '../api/client'

/** What to show where a list is empty: what it means and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Flex className="empty-state" direction="column" align="center" justify="center" gap="2" role="status">
      <InfoCircledIcon width={22} height={22} aria-hidden />
      <Heading as="h3" size="3">
        {title}
      </Heading>
      {children && (
        <Text as="p" size="2" color="gray" align="center">
          {children}
        </Text>
      )}
      {action}
    </Flex>
  )
}

export function ErrorCallout({ error, title = 'Could not load this view' }: { error: unknown; title?: string }) {
  return (
    <Callout.Root color="red" role="alert" m="3">
      <Callout.Icon>
        <ExclamationTriangleIcon />
      </Callout.Icon>
      <Callout.Text>
        <strong>{title}.</strong> {errorMessage(error)}
      </Callout.Text>
    </Callout.Root>
  )
}

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Flex className="empty-state" align="center" justify="center" gap="2" role="status" aria-label={label}>
      <Spinner />
      <Text size="2" color="gray">
        {label}…
      </Text>
    </Flex>
  )
}

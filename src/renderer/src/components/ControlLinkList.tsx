import { Flex, Text } from '@radix-ui/themes'
import type { ReactNode } from 'react'
import { Link } from 'wouter'
import type { ControlRef } from '@shared/types'
import { ResponsibilityBadge, StatusBadge } from './badges'

type Listed = Pick<ControlRef, 'id' | 'title' | 'status'> & Partial<Pick<ControlRef, 'responsibility'>>

/** Controls as a compact list: id (a link into the register), title, status, and an optional action. */
export function ControlLinkList<T extends Listed>({
  controls,
  label,
  action
}: {
  controls: T[]
  label?: string
  action?: (control: T) => ReactNode
}) {
  return (
    <ul className="mapping-list" aria-label={label}>
      {controls.map((control) => (
        <li key={control.id}>
          <Link href={`/register/${control.id}`} className="mono mapping-ref">
            {control.id}
          </Link>
          <Text size="1" className="truncate" title={control.title}>
            {control.title}
          </Text>
          <Flex gap="1" align="center">
            {action && control.responsibility && <ResponsibilityBadge responsibility={control.responsibility} />}
            <StatusBadge status={control.status} />
            {action?.(control)}
          </Flex>
        </li>
      ))}
    </ul>
  )
}

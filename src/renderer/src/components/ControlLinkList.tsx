import { Text } from '@radix-ui/themes'
import { Link } from 'wouter'
import type { ControlRef } from '@shared/types'
import { StatusBadge } from './badges'

/** Controls as a compact list: id (a link into the register), title and status. */
export function ControlLinkList({ controls }: { controls: Pick<ControlRef, 'id' | 'title' | 'status'>[] }) {
  return (
    <ul className="mapping-list">
      {controls.map((control) => (
        <li key={control.id}>
          <Link href={`/register/${control.id}`} className="mono mapping-ref">
            {control.id}
          </Link>
          <Text size="1" className="truncate" title={control.title}>
            {control.title}
          </Text>
          <StatusBadge status={control.status} />
        </li>
      ))}
    </ul>
  )
}

import { EntityHistory } from '../audit/EntityHistory'

/** The control's own audit-log entries, newest first. */
export function ControlHistoryTab({ id }: { id: string }) {
  return <EntityHistory entityType="control" entityId={id} />
}

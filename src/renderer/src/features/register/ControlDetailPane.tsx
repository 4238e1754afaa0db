import { Tabs } from '@radix-ui/themes'
import { useControl } from '../../api/queries'
import { FreshnessBadge, ResponsibilityBadge, StatusBadge } from '../../components/badges'
import { DetailPane } from '../../components/DetailPane'
import { ErrorCallout, Loading } from '../../components/states'
import { ControlEvidenceTab } from './ControlEvidenceTab'
import { ExportRecordButton } from './ExportRecordButton'
import { ControlHistoryTab } from './ControlHistoryTab'
import { ControlMappingsTab } from './ControlMappingsTab'
import { ControlOverviewTab } from './ControlOverviewTab'

/** The selected control, beside the list: edit it, map it, read its history. Esc closes. */
export function ControlDetailPane({ id, onClose }: { id: string; onClose: () => void }) {
  const control = useControl(id)
  return (
    <DetailPane
      label={`Control ${id}`}
      kicker={id}
      title={control.data?.title ?? id}
      badges={
        control.data && (
          <>
            <StatusBadge status={control.data.status} />
            <ResponsibilityBadge responsibility={control.data.responsibility} />
            <FreshnessBadge state={control.data.evidence} />
            <ExportRecordButton id={control.data.id} />
          </>
        )
      }
      onClose={onClose}
    >
      {control.isPending ? (
        <Loading label="Loading control" />
      ) : control.isError ? (
        <ErrorCallout error={control.error} title={`Could not open ${id}`} />
      ) : (
        <Tabs.Root defaultValue="overview" className="detail-tabs">
          <Tabs.List size="1">
            <Tabs.Trigger value="overview">Overview</Tabs.Trigger>
            <Tabs.Trigger value="mappings">Mappings ({control.data.requirements.length})</Tabs.Trigger>
            <Tabs.Trigger value="evidence">Evidence</Tabs.Trigger>
            <Tabs.Trigger value="history">History</Tabs.Trigger>
          </Tabs.List>
          <div className="detail-body">
            <Tabs.Content value="overview" forceMount>
              <ControlOverviewTab key={`${control.data.id}:${control.data.version}`} control={control.data} />
            </Tabs.Content>
            <Tabs.Content value="mappings">
              <ControlMappingsTab control={control.data} />
            </Tabs.Content>
            <Tabs.Content value="evidence">
              <ControlEvidenceTab control={control.data} />
            </Tabs.Content>
            <Tabs.Content value="history">
              <ControlHistoryTab id={control.data.id} />
            </Tabs.Content>
          </div>
        </Tabs.Root>
      )}
    </DetailPane>
  )
}

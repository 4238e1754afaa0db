import { Badge, Flex, Tabs } from '@radix-ui/themes'
import { startTransition, useEffect, useState } from 'react'
import { usePack } from '../../api/queries'
import { useShortName } from '../../api/framework-names'
import { DetailPane } from '../../components/DetailPane'
import { ErrorCallout, Loading } from '../../components/states'
import { EntityHistory } from '../audit/EntityHistory'
import { PackActions } from './PackActions'
import { PackControlsTab } from './PackControlsTab'
import { PackDefinitionForm } from './PackDefinitionForm'
import { PackExportTab } from './PackExportTab'
import { PackReadinessTab } from './PackReadinessTab'
import { PackRequestsTab } from './PackRequestsTab'
import { formatPeriod } from '../../components/dates'
import { useDeferredData } from '../../components/use-deferred-data'

/** One pack: readiness first (what the auditor would miss), then its definition, controls, export and history. */
export function PackDetailPane({ id, onClose }: { id: string; onClose: () => void }) {
  const shortName = useShortName()
  const pack = usePack(id)
  const data = useDeferredData(id, pack.data)
  // Opening the pane with the page, its tabs are made just after the page (in the background), so the list of packs
  // shows a moment sooner.
  const [opened, setOpened] = useState(false)
  useEffect(() => startTransition(() => setOpened(true)), [])
  return (
    <DetailPane
      label={`Pack ${id}`}
      kicker={id}
      title={data?.name ?? id}
      badges={
        data && (
          <>
            {data.frameworks.map((framework) => (
              <Badge key={framework} color="gray" variant="soft">
                {shortName(framework)}
              </Badge>
            ))}
            <Badge color="gray" variant="surface">
              {formatPeriod(data.periodStart, data.periodEnd)}
            </Badge>
          </>
        )
      }
      onClose={onClose}
    >
      {pack.isError ? (
        <ErrorCallout error={pack.error} title={`Could not open ${id}`} />
      ) : !data ? (
        <Loading label="Loading the pack" />
      ) : !opened ? null : (
        <Tabs.Root defaultValue="readiness" className="detail-tabs">
          <Tabs.List size="1" className="wrapping-tabs">
            <Tabs.Trigger value="readiness">Readiness</Tabs.Trigger>
            <Tabs.Trigger value="definition">Definition</Tabs.Trigger>
            <Tabs.Trigger value="controls">Controls</Tabs.Trigger>
            <Tabs.Trigger value="requests">Requests</Tabs.Trigger>
            <Tabs.Trigger value="export">Export</Tabs.Trigger>
            <Tabs.Trigger value="history">History</Tabs.Trigger>
          </Tabs.List>
          <div className="detail-body">
            <Tabs.Content value="readiness">
              <PackReadinessTab pack={data} />
            </Tabs.Content>
            <Tabs.Content value="definition" forceMount>
              <Flex direction="column" gap="4">
                <PackDefinitionForm key={`${data.id}:${data.version}`} pack={data} />
                <PackActions pack={data} />
              </Flex>
            </Tabs.Content>
            <Tabs.Content value="controls">
              <PackControlsTab pack={data} />
            </Tabs.Content>
            <Tabs.Content value="requests">
              <PackRequestsTab pack={data} />
            </Tabs.Content>
            <Tabs.Content value="export">
              <PackExportTab pack={data} />
            </Tabs.Content>
            <Tabs.Content value="history">
              <EntityHistory entityType="pack" entityId={data.id} />
            </Tabs.Content>
          </div>
        </Tabs.Root>
      )}
    </DetailPane>
  )
}

import { Badge, Code, DataList, Flex, Tabs, Text } from '@radix-ui/themes'
import { Link } from 'wouter'
import { EVIDENCE_KIND_LABELS } from '@shared/domain'
import type { EvidenceDetail } from '@shared/types'
import { useEvidence } from '../../api/queries'
import { formatBytes } from '../../app/imports'
import { FreshnessBadge } from '../../components/badges'
import { CopyButton } from '../../components/CopyButton'
import { DetailPane } from '../../components/DetailPane'
import { ErrorCallout, Loading } from '../../components/states'
import { EntityHistory } from '../audit/EntityHistory'
import { DetectedDetailsCallout } from './DetectedDetailsCallout'
import { EvidenceControlsTab } from './EvidenceControlsTab'
import { EvidenceForm } from './EvidenceForm'
import { EvidencePreview } from './EvidencePreview'
import { ExportSummaryCard } from './ExportSummaryCard'
import { RemoveEvidence } from './RemoveEvidence'
import { formatMoment } from '../../components/dates'

function FileFacts({ item }: { item: EvidenceDetail }) {
  return (
    <DataList.Root size="1" mb="3">
      <DataList.Item>
        <DataList.Label>File</DataList.Label>
        <DataList.Value>
          <Text size="1" className="truncate" title={item.originalName}>
            {item.originalName} · {formatBytes(item.size)} · {item.mediaType}
          </Text>
        </DataList.Value>
      </DataList.Item>
      <DataList.Item>
        <DataList.Label>SHA-256</DataList.Label>
        <DataList.Value>
          <Flex align="center" gap="1" style={{ minWidth: 0 }}>
            <Code size="1" className="hash">
              {item.sha256}
            </Code>
            <CopyButton value={item.sha256} label="Copy SHA-256" />
          </Flex>
        </DataList.Value>
      </DataList.Item>
      <DataList.Item>
        <DataList.Label>Imported</DataList.Label>
        <DataList.Value>
          {formatMoment(item.importedAt)} by {item.importedBy}
        </DataList.Value>
      </DataList.Item>
      {item.parentId && (
        <DataList.Item>
          <DataList.Label>Extracted from</DataList.Label>
          <DataList.Value>
            <Link href={`/evidence/${item.parentId}`} className="mono mapping-ref">
              {item.parentId}
            </Link>
          </DataList.Value>
        </DataList.Item>
      )}
      {item.children.length > 0 && (
        <DataList.Item>
          <DataList.Label>Contains</DataList.Label>
          <DataList.Value>
            <Flex direction="column">
              {item.children.map((child) => (
                <Link key={child.id} href={`/evidence/${child.id}`} className="mapping-ref">
                  <span className="mono">{child.id}</span> {child.originalName}
                </Link>
              ))}
            </Flex>
          </DataList.Value>
        </DataList.Item>
      )}
    </DataList.Root>
  )
}

/** One evidence item: its facts and hash, a safe preview, its controls and its history. */
export function EvidenceDetailPane({ id, onClose }: { id: string; onClose: () => void }) {
  const evidence = useEvidence(id)
  const item = evidence.data
  return (
    <DetailPane
      label={`Evidence ${id}`}
      kicker={id}
      title={item?.title ?? id}
      badges={
        item && (
          <>
            <Badge variant="surface" color="gray">
              {EVIDENCE_KIND_LABELS[item.kind]}
            </Badge>
            <FreshnessBadge state={item.freshness} />
            {item.removed && <Badge color="red">Removed</Badge>}
          </>
        )
      }
      onClose={onClose}
    >
      {evidence.isPending ? (
        <Loading label="Loading evidence" />
      ) : evidence.isError || !item ? (
        <ErrorCallout error={evidence.error} title={`Could not open ${id}`} />
      ) : (
        <Tabs.Root defaultValue="details" className="detail-tabs">
          <Tabs.List size="1">
            <Tabs.Trigger value="details">Details</Tabs.Trigger>
            <Tabs.Trigger value="preview">Preview</Tabs.Trigger>
            <Tabs.Trigger value="controls">Controls ({item.linkedControls.length})</Tabs.Trigger>
            <Tabs.Trigger value="history">History</Tabs.Trigger>
          </Tabs.List>
          <div className="detail-body">
            <Tabs.Content value="details" forceMount>
              <Flex direction="column" gap="3">
                <DetectedDetailsCallout item={item} />
                {item.metadata.exportSummary && <ExportSummaryCard summary={item.metadata.exportSummary} />}
                {(item.metadata.notes ?? []).map((note) => (
                  <Text key={note} as="p" size="1" color="amber">
                    {note}
                  </Text>
                ))}
                <FileFacts item={item} />
                <EvidenceForm key={`${item.id}:${item.version}`} item={item} />
                <RemoveEvidence item={item} />
              </Flex>
            </Tabs.Content>
            <Tabs.Content value="preview">
              <EvidencePreview item={item} />
            </Tabs.Content>
            <Tabs.Content value="controls">
              <EvidenceControlsTab item={item} />
            </Tabs.Content>
            <Tabs.Content value="history">
              <EntityHistory entityType="evidence" entityId={item.id} />
            </Tabs.Content>
          </div>
        </Tabs.Root>
      )}
    </DetailPane>
  )
}

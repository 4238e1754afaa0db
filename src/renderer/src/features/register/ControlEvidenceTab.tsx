import { Flex, Text } from '@radix-ui/themes'
import { useState, type DragEvent } from 'react'
import { Link } from 'wouter'
import type { ControlDetail } from '@shared/types'
import { useEvidenceList } from '../../api/queries'
import { useImportFiles } from '../../app/imports'
import { FreshnessBadge } from '../../components/badges'
import { FilePicker } from '../../components/FilePicker'
import { ErrorCallout, Loading } from '../../components/states'
import { formatDay, formatPeriod } from '../../components/dates'

/** The control's evidence, with its dates and freshness; files dropped here are attached to this control. */
export function ControlEvidenceTab({ control }: { control: ControlDetail }) {
  const list = useEvidenceList({ control: control.id })
  const importFiles = useImportFiles()
  const [over, setOver] = useState(false)
  const items = list.data?.pages.flatMap((page) => page.items) ?? []

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    if (!event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    event.stopPropagation()
    setOver(false)
    void importFiles([...event.dataTransfer.files], { controls: [control.id] })
  }

  return (
    <Flex direction="column" gap="3">
      <div
        className="drop-zone"
        data-over={over || undefined}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return
          event.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        role="group"
        aria-label={`Attach evidence to ${control.id}`}
      >
        <Text size="2">Drop files here to attach them to {control.id}</Text>
        <FilePicker onFiles={(files) => void importFiles(files, { controls: [control.id] })}>Attach files…</FilePicker>
      </div>
      {list.isPending ? (
        <Loading label="Loading evidence" />
      ) : list.isError ? (
        <ErrorCallout error={list.error} />
      ) : items.length === 0 ? (
        <Text size="2" color="gray">
          No evidence yet. Auditors look for a document (design), a configuration export or screenshot (implementation)
          and records across the period (operation).
        </Text>
      ) : (
        <ul className="evidence-list" aria-label={`Evidence of ${control.id}`}>
          {items.map((item) => (
            <li key={item.id}>
              <Link href={`/evidence/${item.id}`} className="mono mapping-ref">
                {item.id}
              </Link>
              <Flex direction="column" style={{ minWidth: 0 }}>
                <Text size="1" className="truncate" title={item.title}>
                  {item.title}
                </Text>
                <Text size="1" color="gray">
                  {item.periodStart && item.periodEnd
                    ? formatPeriod(item.periodStart, item.periodEnd)
                    : `Effective ${formatDay(item.effectiveDate)}`}
                  {' · '}review by {formatDay(item.reviewBy)}
                </Text>
              </Flex>
              <FreshnessBadge state={item.freshness} />
            </li>
          ))}
        </ul>
      )}
    </Flex>
  )
}

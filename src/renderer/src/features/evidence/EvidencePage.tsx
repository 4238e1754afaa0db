import { CheckCircledIcon, CrossCircledIcon } from '@radix-ui/react-icons'
import { Badge, Button, Callout, Flex } from '@radix-ui/themes'
import { useEffect, useMemo, useState } from 'react'
import { useLocation, useParams } from 'wouter'
import {
  EVIDENCE_KINDS,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_SOURCES,
  EVIDENCE_SOURCE_LABELS,
  FRESHNESS,
  FRESHNESS_LABELS
} from '@shared/domain'
import type { EvidenceQuery } from '@shared/schemas'
import type { VaultVerification } from '@shared/types'
import { call, errorMessage } from '../../api/client'
import { useEvidenceFreshness, useEvidenceList } from '../../api/queries'
import { useImportFiles } from '../../app/imports'
import { ControlFilter } from '../../components/ControlPicker'
import { FilePicker } from '../../components/FilePicker'
import { FilterSelect, optionsOf } from '../../components/FilterSelect'
import { PageHeader } from '../../components/PageHeader'
import { ExportMenu } from '../spreadsheets/ExportMenu'
import { EmptyState, ErrorCallout, Loading } from '../../components/states'
import { useShortcut } from '../../components/use-shortcut'
import { EvidenceDetailPane } from './EvidenceDetailPane'
import { EvidenceTable } from './EvidenceTable'
import { SearchField } from '../../components/SearchField'

/** The vault: every evidence item with its dates and freshness, a detail pane, import and verification. */
export function EvidencePage() {
  const params = useParams<{ id?: string }>()
  const [, navigate] = useLocation()
  const [query, setQuery] = useState<EvidenceQuery>({})
  const [search, setSearch] = useState('')
  const list = useEvidenceList(query)
  const freshness = useEvidenceFreshness()
  const importFiles = useImportFiles()
  const [verification, setVerification] = useState<VaultVerification | string | null>(null)
  const [verifying, setVerifying] = useState(false)
  const selectedId = params.id ? decodeURIComponent(params.id) : null
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const total = list.data?.pages[0]?.total
  useShortcut('f', () => document.getElementById('evidence-search')?.focus())

  useEffect(() => {
    const handle = window.setTimeout(() => {
      const next = search.trim() || undefined
      setQuery((current) => (current.search === next ? current : { ...current, search: next }))
    }, 150)
    return () => window.clearTimeout(handle)
  }, [search])

  const set = <K extends keyof EvidenceQuery>(key: K, value: EvidenceQuery[K]): void =>
    setQuery((current) => {
      const next = { ...current }
      if (value === undefined) delete next[key]
      else next[key] = value
      return next
    })

  const verify = async (): Promise<void> => {
    setVerifying(true)
    try {
      setVerification(await call('evidence:verify', {}))
    } catch (error) {
      setVerification(errorMessage(error))
    } finally {
      setVerifying(false)
    }
  }

  return (
    <div className="page">
      <PageHeader
        title="Evidence"
        subtitle={
          total !== undefined ? `${items.length < total ? `${items.length} loaded of ` : ''}${total} items` : undefined
        }
        actions={
          <>
            {freshness.data && (
              <Flex gap="1" role="group" aria-label="Freshness of the vault: show only">
                {FRESHNESS.map((state) => (
                  <Badge
                    key={state}
                    asChild
                    color={state === 'fresh' ? 'green' : state === 'expiring' ? 'amber' : 'red'}
                    variant={query.freshness === state ? 'solid' : 'soft'}
                  >
                    <button
                      type="button"
                      className="badge-button"
                      aria-pressed={query.freshness === state}
                      onClick={() => set('freshness', query.freshness === state ? undefined : state)}
                    >
                      {FRESHNESS_LABELS[state]} {freshness.data[state]}
                    </button>
                  </Badge>
                ))}
              </Flex>
            )}
            <Button size="1" variant="soft" onClick={() => void verify()} loading={verifying}>
              Verify vault
            </Button>
            <ExportMenu kinds={['evidence']} />
            <FilePicker openOn="attach-evidence" onFiles={(files) => void importFiles(files)} />
          </>
        }
      />
      {verification !== null && (
        <Callout.Root
          color={typeof verification !== 'string' && verification.ok ? 'green' : 'red'}
          size="1"
          mx="4"
          mb="2"
          role="status"
        >
          <Callout.Icon>
            {typeof verification !== 'string' && verification.ok ? <CheckCircledIcon /> : <CrossCircledIcon />}
          </Callout.Icon>
          <Callout.Text>
            {typeof verification === 'string'
              ? verification
              : verification.ok
                ? `The vault is intact: ${verification.checked} files verified against their SHA-256.`
                : `The vault check failed: ${verification.problems
                    .map(
                      (problem) => `${problem.evidence.join(', ') || problem.sha256.slice(0, 12)} ${problem.problem}`
                    )
                    .join('; ')}.`}
          </Callout.Text>
        </Callout.Root>
      )}
      <Flex className="toolbar" gap="2" align="center" wrap="wrap" role="search">
        <SearchField
          id="evidence-search"
          label="Search evidence"
          placeholder="Search evidence (Ctrl+F)"
          value={search}
          onChange={setSearch}
          width={220}
        />
        <FilterSelect
          label="Kind"
          value={query.kind}
          allLabel="Any kind"
          options={optionsOf(EVIDENCE_KINDS, EVIDENCE_KIND_LABELS)}
          onChange={(value) => set('kind', value as EvidenceQuery['kind'])}
        />
        <FilterSelect
          label="Source"
          value={query.source}
          allLabel="Any source"
          options={optionsOf(EVIDENCE_SOURCES, EVIDENCE_SOURCE_LABELS)}
          onChange={(value) => set('source', value as EvidenceQuery['source'])}
        />
        <FilterSelect
          label="Freshness"
          value={query.freshness}
          allLabel="Any freshness"
          options={optionsOf(FRESHNESS, FRESHNESS_LABELS)}
          onChange={(value) => set('freshness', value as EvidenceQuery['freshness'])}
        />
        <ControlFilter
          label="Control"
          value={query.control}
          allLabel="Any control"
          onChange={(value) => set('control', value)}
        />
        <Button
          size="1"
          variant="ghost"
          color="gray"
          onClick={() => set('includeRemoved', query.includeRemoved ? undefined : true)}
        >
          {query.includeRemoved ? 'Hide removed' : 'Show removed'}
        </Button>
      </Flex>
      <div className="split">
        <div className="split-main">
          {list.isPending ? (
            <Loading label="Loading evidence" />
          ) : list.isError ? (
            <ErrorCallout error={list.error} />
          ) : items.length === 0 ? (
            Object.keys(query).length ? (
              <EmptyState
                title="No evidence matches these filters"
                action={
                  <Button
                    size="1"
                    variant="soft"
                    onClick={() => {
                      setQuery({})
                      setSearch('')
                    }}
                  >
                    Clear filters
                  </Button>
                }
              />
            ) : (
              <EmptyState
                title="The vault is empty"
                action={<FilePicker onFiles={(files) => void importFiles(files)} />}
              >
                Drop files anywhere on this window, or pick them: AWS Artifact downloads (their reports are extracted),
                exports of AWS services, policies, screenshots. Files are copied, never moved or changed.
              </EmptyState>
            )
          ) : (
            <EvidenceTable
              items={items}
              selectedId={selectedId}
              onOpen={(id) => navigate(`/evidence/${id}`)}
              onEndReached={() => {
                if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage()
              }}
            />
          )}
        </div>
        {selectedId && <EvidenceDetailPane id={selectedId} onClose={() => navigate('/evidence')} />}
      </div>
    </div>
  )
}

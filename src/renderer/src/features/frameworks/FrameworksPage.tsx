import { Flex, SegmentedControl, TabNav, Text } from '@radix-ui/themes'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useLocation, useParams } from 'wouter'
import type { FrameworkId } from '@shared/domain'
import { applicableOf } from '@shared/compliance/results'
import type { RequirementNode } from '@shared/types'
import { useFrameworks, useRequirementTree } from '../../api/queries'
import { useFrameworkList, useShortName } from '../../api/framework-names'
import { CoverageBar } from '../../components/CoverageBar'
import { PageHeader } from '../../components/PageHeader'
import { ExportMenu } from '../spreadsheets/ExportMenu'
import { EmptyState, ErrorCallout, Loading } from '../../components/states'
import { RequirementDetailPane } from './RequirementDetailPane'
import { RequirementTree, type RequirementTreeHandle } from './RequirementTree'
import { OscalActions } from './OscalActions'
import { SearchField } from '../../components/SearchField'
import { formatPeriod } from '../../components/dates'

export type GapFilter = 'all' | 'not-in-place' | 'not-tested' | 'no-control'

/** Which nodes to show: those matching the filter and search, with every ancestor for context. */
export function visibleNodes(nodes: RequirementNode[], filter: GapFilter, search: string): RequirementNode[] {
  const needle = search.trim().toLowerCase()
  const matches = (node: RequirementNode): boolean => {
    if (needle && !`${node.ref} ${node.title}`.toLowerCase().includes(needle)) return false
    if (filter === 'all') return true
    if (!node.assessable || node.result === 'not-applicable') return false
    if (filter === 'no-control') return node.controls.length === 0
    return node.result === filter
  }
  if (filter === 'all' && !needle) return nodes
  const byRef = new Map(nodes.map((node) => [node.ref, node]))
  const keep = new Set<string>()
  for (const node of nodes) {
    if (!matches(node)) continue
    let current: RequirementNode | undefined = node
    while (current && !keep.has(current.ref)) {
      keep.add(current.ref)
      current = current.parentRef ? byRef.get(current.parentRef) : undefined
    }
  }
  return nodes.filter((node) => keep.has(node.ref))
}

export function FrameworksPage() {
  const shortName = useShortName()
  const params = useParams<{ framework?: string; ref?: string }>()
  const [, navigate] = useLocation()
  const frameworkList = useFrameworkList()
  const framework: FrameworkId =
    frameworkList.find((candidate) => candidate.id === params.framework)?.id ?? frameworkList[0]?.id ?? 'hipaa'
  const selectedRef = params.ref ? decodeURIComponent(params.ref) : null
  const frameworks = useFrameworks()
  const tree = useRequirementTree(framework)
  const [filter, setFilter] = useState<GapFilter>('all')
  const [search, setSearch] = useState('')
  const summary = frameworks.data?.find((item) => item.id === framework)
  const nodes = useMemo(() => visibleNodes(tree.data ?? [], filter, search), [tree.data, filter, search])
  const selected = tree.data?.find((node) => node.ref === selectedRef) ?? null
  // Opening a requirement from the keyboard takes focus into its pane; a click leaves it in the tree.
  const [paneFocus, setPaneFocus] = useState(false)
  const select = useCallback(
    (ref: string, how: 'keyboard' | 'pointer') => {
      setPaneFocus(how === 'keyboard')
      navigate(`/frameworks/${framework}/${encodeURIComponent(ref)}`)
    },
    [framework, navigate]
  )
  // Arriving from the sidebar (or with focus nowhere), focus goes to the tree, the page's main control.
  const treeRef = useRef<RequirementTreeHandle>(null)
  const arrived = useRef(false)
  const treeShown = tree.data !== undefined
  useEffect(() => {
    if (!treeShown || arrived.current) return
    arrived.current = true
    const current = document.activeElement
    if (!current || current === document.body || current.closest('nav')) treeRef.current?.focus()
  }, [treeShown])

  return (
    <div className="page">
      <PageHeader
        title="Frameworks"
        subtitle={summary ? `${summary.name} ${summary.version} · ${summary.publisher}` : undefined}
        actions={
          <Flex gap="2" align="center" wrap="wrap">
            {framework ? <ExportMenu kinds={['soa', 'matrix']} framework={framework} /> : null}
            <OscalActions framework={framework} shortName={shortName(framework)} />
          </Flex>
        }
      />
      <TabNav.Root size="1" aria-label="Framework">
        {frameworkList.map(({ id }) => (
          <TabNav.Link key={id} asChild active={id === framework}>
            <Link href={`/frameworks/${id}`}>{shortName(id)}</Link>
          </TabNav.Link>
        ))}
      </TabNav.Root>
      {summary && (
        <Flex className="toolbar toolbar-below-tabs" gap="4" align="center" wrap="wrap">
          <div style={{ width: 260 }}>
            <CoverageBar
              covered={summary.results['in-place']}
              total={applicableOf(summary.results)}
              label={`${summary.name} requirements in place`}
            />
          </div>
          <Text size="1" color="gray">
            {summary.requirements} requirements · {summary.results['in-place']} in place ·{' '}
            {summary.results['not-in-place']} not in place · {summary.results['not-tested']} not tested ·{' '}
            {summary.notApplicable} not applicable · judged for{' '}
            {formatPeriod(summary.assessment.periodStart, summary.assessment.periodEnd)}
          </Text>
        </Flex>
      )}
      <Flex className="toolbar" gap="2" align="center">
        <SegmentedControl.Root size="1" value={filter} onValueChange={(value) => setFilter(value as GapFilter)}>
          <SegmentedControl.Item value="all">All</SegmentedControl.Item>
          <SegmentedControl.Item value="not-in-place">Not in place</SegmentedControl.Item>
          <SegmentedControl.Item value="not-tested">Not tested</SegmentedControl.Item>
          <SegmentedControl.Item value="no-control">No control</SegmentedControl.Item>
        </SegmentedControl.Root>
        <SearchField label="Find a requirement" value={search} onChange={setSearch} />
      </Flex>
      <div className="split">
        <div className="split-main">
          {tree.isPending ? (
            <Loading label="Loading requirements" />
          ) : tree.isError ? (
            <ErrorCallout error={tree.error} />
          ) : nodes.length === 0 ? (
            <EmptyState title={filter === 'all' ? 'No requirement matches' : 'Nothing here'}>
              {filter === 'all'
                ? 'Try other words or a reference such as 8.4.'
                : filter === 'no-control'
                  ? 'Every applicable requirement that matches has a control mapped.'
                  : filter === 'not-tested'
                    ? 'No requirement that matches lacks evidence in force.'
                    : 'Every applicable requirement that matches has its controls implemented.'}
            </EmptyState>
          ) : (
            <RequirementTree
              ref={treeRef}
              label={`${shortName(framework)} requirements`}
              nodes={nodes}
              expandAll={filter !== 'all' || search.trim() !== ''}
              selectedRef={selectedRef}
              onSelect={select}
            />
          )}
        </div>
        {selected && (
          <RequirementDetailPane
            node={selected}
            takeFocus={paneFocus}
            onClose={() => {
              navigate(`/frameworks/${framework}`)
              treeRef.current?.focus()
            }}
          />
        )}
      </div>
    </div>
  )
}

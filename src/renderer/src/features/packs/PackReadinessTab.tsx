import { CheckCircledIcon, ExclamationTriangleIcon } from '@radix-ui/react-icons'
import { Badge, Button, Callout, Flex, Heading, Text } from '@radix-ui/themes'
import { useState } from 'react'
import { Link } from 'wouter'
import { OPEN_ITEM_HEADINGS, OPEN_ITEM_ORDER } from '@shared/compliance/open-item-kinds'
import { describeCoverage } from '@shared/compliance/results'
import type { OpenItem, OpenItemKind, PackDefinition } from '@shared/types'
import { useShortName } from '../../api/framework-names'
import { usePackReadiness } from '../../api/queries'
import { ErrorCallout, Loading } from '../../components/states'
import { formatDay, formatPeriod } from '../../components/dates'
import { useDeferredData } from '../../components/use-deferred-data'

/** Where an open item is fixed: the requirement, the control or the evidence item it concerns. */
function ItemLinks({ item }: { item: OpenItem }) {
  const shortName = useShortName()
  if (item.framework && item.ref) {
    return (
      <Link href={`/frameworks/${item.framework}/${encodeURIComponent(item.ref)}`} className="mono mapping-ref">
        {shortName(item.framework)} {item.ref}
      </Link>
    )
  }
  if (item.controlIds && item.controlIds.length > 1) {
    return (
      <Flex gap="1" wrap="wrap">
        {item.controlIds.map((id) => (
          <Link key={id} href={`/register/${id}`} className="mono mapping-ref">
            {id}
          </Link>
        ))}
      </Flex>
    )
  }
  if (item.controlId) {
    return (
      <Link href={`/register/${item.controlId}`} className="mono mapping-ref">
        {item.controlId}
      </Link>
    )
  }
  if (item.evidenceId) {
    return (
      <Link href={`/evidence/${item.evidenceId}`} className="mono mapping-ref">
        {item.evidenceId}
      </Link>
    )
  }
  return null
}

/** How many open items of a kind are listed at first, and how many more each click adds. */
const FIRST_SHOWN = 25
const MORE_SHOWN = 200

/** One kind of open item: the first few listed (a large register has thousands), more on request. */
function OpenItemSection({ kind, items }: { kind: OpenItemKind; items: OpenItem[] }) {
  const [shown, setShown] = useState(FIRST_SHOWN)
  const left = items.length - shown
  return (
    <section aria-label={OPEN_ITEM_HEADINGS[kind]}>
      <Flex align="center" gap="2" mb="1">
        <Heading as="h3" size="2">
          {OPEN_ITEM_HEADINGS[kind]}
        </Heading>
        <Badge color="amber" radius="full">
          {items.length}
        </Badge>
      </Flex>
      <ul className="mapping-list open-items">
        {items.slice(0, shown).map((item, index) => (
          <li key={`${kind}-${index}`}>
            <ItemLinks item={item} />
            <Text size="1" className="truncate" title={`${item.title}: ${item.detail}`}>
              {item.title} <Text color="gray">· {item.detail}</Text>
            </Text>
            <span />
          </li>
        ))}
      </ul>
      {left > 0 && (
        <Flex gap="2" align="center" mt="1">
          <Text size="1" color="gray">
            +{left} more
          </Text>
          <Button size="1" variant="soft" onClick={() => setShown((current) => current + MORE_SHOWN)}>
            Show {Math.min(left, MORE_SHOWN)} more
          </Button>
        </Flex>
      )}
    </section>
  )
}

/**
 * What the auditor would find: the pack's results and every open item, from the same assessment the
 * pack is written from, each linked to where it is fixed.
 */
export function PackReadinessTab({ pack }: { pack: PackDefinition }) {
  const readiness = usePackReadiness(pack.id)
  const data = useDeferredData(pack.id, readiness.data)
  if (readiness.isError) return <ErrorCallout error={readiness.error} title="Could not check the pack" />
  if (!data) return <Loading label="Checking the pack" />
  const open = data.openItems.length

  return (
    <Flex direction="column" gap="4">
      <Callout.Root color={open === 0 ? 'green' : 'amber'} size="1" role="status">
        <Callout.Icon>{open === 0 ? <CheckCircledIcon /> : <ExclamationTriangleIcon />}</Callout.Icon>
        <Callout.Text>
          {data.controls} controls and {data.evidence} evidence files go into this pack.{' '}
          {data.results.map((framework) => `${framework.name}: ${describeCoverage(framework.counts)}.`).join(' ')}{' '}
          {open === 0
            ? 'Nothing is open: every applicable requirement is in place and no evidence is expired or expiring.'
            : `${open} open item${open === 1 ? '' : 's'} to look at before the auditor does; the pack lists them too.`}
        </Callout.Text>
      </Callout.Root>
      <Text size="1" color="gray">
        Judged for {formatPeriod(data.assessment.periodStart, data.assessment.periodEnd)} (evidence judged on{' '}
        {formatDay(data.assessment.judgedOn)}), {data.assessment.scopeLabel}.
      </Text>
      {OPEN_ITEM_ORDER.map((kind) => {
        const items = data.openItems.filter((item) => item.kind === kind)
        if (items.length === 0) return null
        return <OpenItemSection key={kind} kind={kind} items={items} />
      })}
    </Flex>
  )
}

import { CheckCircledIcon, ExclamationTriangleIcon } from '@radix-ui/react-icons'
import { Badge, Callout, Flex, Heading, Text } from '@radix-ui/themes'
import type { ReactNode } from 'react'
import { Link } from 'wouter'
import type { PackDefinition } from '@shared/types'
import { usePackReadiness } from '../../api/queries'
import { FRAMEWORK_SHORT_NAMES, ResponsibilityBadge } from '../../components/badges'
import { ErrorCallout, Loading } from '../../components/states'

function Gaps({ title, count, help, children }: { title: string; count: number; help: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Flex align="center" gap="2" mb="1">
        <Heading as="h3" size="2">
          {title}
        </Heading>
        <Badge color={count === 0 ? 'green' : 'amber'} radius="full">
          {count}
        </Badge>
      </Flex>
      <Text as="p" size="1" color="gray" mb="1">
        {help}
      </Text>
      {count > 0 && <ul className="mapping-list">{children}</ul>}
    </section>
  )
}

/** What the auditor would find missing, each with a link to where it is fixed. */
export function PackReadinessTab({ pack }: { pack: PackDefinition }) {
  const readiness = usePackReadiness(pack.id)
  if (readiness.isPending) return <Loading label="Checking the pack" />
  if (readiness.isError) return <ErrorCallout error={readiness.error} title="Could not check the pack" />
  const { data } = readiness
  const gaps =
    data.requirementsWithoutControl.length +
    data.controlsWithoutFreshEvidence.length +
    data.evidenceExpiringBeforeEnd.length

  return (
    <Flex direction="column" gap="4">
      <Callout.Root color={gaps === 0 ? 'green' : 'amber'} size="1" role="status">
        <Callout.Icon>{gaps === 0 ? <CheckCircledIcon /> : <ExclamationTriangleIcon />}</Callout.Icon>
        <Callout.Text>
          {data.controls} controls and {data.evidence} evidence files go into this pack.{' '}
          {gaps === 0
            ? 'Nothing is missing: every requirement has a control and every control fresh evidence.'
            : `${gaps} gap${gaps === 1 ? '' : 's'} to look at before the auditor does.`}
        </Callout.Text>
      </Callout.Root>

      <Gaps
        title="Requirements without a control"
        count={data.requirementsWithoutControl.length}
        help="Map a control to each, or mark the requirement not applicable with a reason."
      >
        {data.requirementsWithoutControl.map((requirement) => (
          <li key={`${requirement.framework}:${requirement.ref}`}>
            <Link
              href={`/frameworks/${requirement.framework}/${encodeURIComponent(requirement.ref)}`}
              className="mono mapping-ref"
            >
              {FRAMEWORK_SHORT_NAMES[requirement.framework]} {requirement.ref}
            </Link>
            <Text size="1" className="truncate" title={requirement.title}>
              {requirement.title}
            </Text>
            <span />
          </li>
        ))}
      </Gaps>

      <Gaps
        title="Controls without fresh evidence"
        count={data.controlsWithoutFreshEvidence.length}
        help="No evidence dated in the audit period, or only evidence past its review-by date. Attach evidence on the control's Evidence tab."
      >
        {data.controlsWithoutFreshEvidence.map((control) => (
          <li key={control.id}>
            <Link href={`/register/${control.id}`} className="mono mapping-ref">
              {control.id}
            </Link>
            <Text size="1" className="truncate" title={control.title}>
              {control.title}
              {control.evidence > 0 && <Text color="red"> · {control.evidence} expired</Text>}
            </Text>
            <ResponsibilityBadge responsibility={control.responsibility} />
          </li>
        ))}
      </Gaps>

      <Gaps
        title="Evidence expiring before the audit ends"
        count={data.evidenceExpiringBeforeEnd.length}
        help={`Its review-by date falls before ${pack.periodEnd}: replace it with a newer version or extend its review date.`}
      >
        {data.evidenceExpiringBeforeEnd.map((item) => (
          <li key={item.id}>
            <Link href={`/evidence/${item.id}`} className="mono mapping-ref">
              {item.id}
            </Link>
            <Text size="1" className="truncate" title={item.title}>
              {item.title}
            </Text>
            <Text size="1" color="amber">
              review by {item.reviewBy}
            </Text>
          </li>
        ))}
      </Gaps>
    </Flex>
  )
}

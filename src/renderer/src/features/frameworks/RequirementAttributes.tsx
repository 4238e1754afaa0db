import { Badge, Tooltip } from '@radix-ui/themes'
import type { RequirementNode } from '@shared/types'

/** Facts a catalog records about a requirement: HIPAA R/A, PCI applicability and future-dated items. */
export function RequirementAttributes({ node, compact = false }: { node: RequirementNode; compact?: boolean }) {
  const { specification, appliesTo, bestPracticeUntil, relevance } = node.attributes
  return (
    <>
      {node.kind === 'implementation-specification' && typeof specification === 'string' && (
        <Tooltip content={specification}>
          <Badge size="1" color={specification === 'Required' ? 'indigo' : 'gray'} variant="soft">
            {compact ? specification[0] : specification}
          </Badge>
        </Tooltip>
      )}
      {typeof appliesTo === 'string' && (
        <Tooltip content={`Applies to: ${appliesTo}`}>
          <Badge size="1" color="gray" variant="outline">
            {compact ? 'Limited' : appliesTo}
          </Badge>
        </Tooltip>
      )}
      {typeof bestPracticeUntil === 'string' && (
        <Tooltip content={`Best practice until ${bestPracticeUntil}, required since`}>
          <Badge size="1" color="amber" variant="soft">
            {compact ? 'Since 2025' : `Best practice until ${bestPracticeUntil}`}
          </Badge>
        </Tooltip>
      )}
      {!compact && typeof relevance === 'string' && (
        <Badge size="1" color="gray" variant="soft">
          {relevance}
        </Badge>
      )}
    </>
  )
}

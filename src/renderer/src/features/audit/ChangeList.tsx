import { Text } from '@radix-ui/themes'

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/** Before and after of each changed field, as text (never as HTML). */
export function ChangeList({ before, after }: { before: unknown; after: unknown }) {
  const previous = (before ?? {}) as Record<string, unknown>
  const next = (after ?? {}) as Record<string, unknown>
  if (typeof previous !== 'object' || typeof next !== 'object') return null
  const keys = [...new Set([...Object.keys(previous), ...Object.keys(next)])]
  if (keys.length === 0) return null
  return (
    <dl className="change-list">
      {keys.map((key) => (
        <div key={key}>
          <dt>
            <Text size="1" color="gray">
              {key}
            </Text>
          </dt>
          <dd>
            {key in previous && (
              <Text size="1" className="change-before">
                {show(previous[key])}
              </Text>
            )}
            {key in previous && key in next && <Text size="1"> → </Text>}
            {key in next && (
              <Text size="1" className="change-after">
                {show(next[key])}
              </Text>
            )}
          </dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * JSON with object keys sorted at every level, so the same value always serialises to the
 * same bytes. Used wherever a hash is taken over structured data (audit log, manifests).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

/** The value with object keys sorted at every level and undefined members left out. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(source).sort()) {
      if (source[key] !== undefined) sorted[key] = sortKeys(source[key])
    }
    return sorted
  }
  return value
}

/**
 * The fields of a patch that differ from the current record: their values before and after, as the
 * audit log records them. Unchanged and undefined fields are left out.
 */
export function changedValues<T extends object>(
  current: T,
  patch: Partial<T>
): { before: Partial<T>; after: Partial<T>; changed: boolean } {
  const before: Partial<T> = {}
  const after: Partial<T> = {}
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const next = patch[key]
    if (next === undefined || JSON.stringify(current[key]) === JSON.stringify(next)) continue
    before[key] = current[key]
    after[key] = next
  }
  return { before, after, changed: Object.keys(after).length > 0 }
}

/** The fields of an edit form that differ from what is saved: the patch a Save sends (values compared by content). */
export function changedFields<T extends object>(saved: T, edited: T): Partial<T> {
  const patch: Partial<T> = {}
  for (const key of Object.keys(edited) as (keyof T)[]) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(edited[key])) patch[key] = edited[key]
  }
  return patch
}

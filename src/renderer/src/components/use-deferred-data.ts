import { useDeferredValue, useMemo } from 'react'

/**
 * One item's data (a pack, its readiness) as a pane shows it: when it arrives or changes, the part of the page made
 * from it is rendered in the background, so the window keeps answering meanwhile; when another item is chosen, its data
 * is shown at once, so the pane never shows the item before under the new one's name.
 */
export function useDeferredData<T>(key: string, data: T | undefined): T | undefined {
  const current = useMemo(() => ({ key, data }), [key, data])
  const deferred = useDeferredValue(current)
  return deferred.key === key ? deferred.data : data
}

import { useCallback } from 'react'
import { BUILTIN_SHORT_NAMES, isBuiltinFramework, type FrameworkId } from '@shared/domain'
import type { FrameworkName } from '@shared/types'
import { useFrameworkNames } from './queries'

/** The register's frameworks (the built-in three, and any imported catalog), for tabs, filters and pickers. */
export function useFrameworkList(): FrameworkName[] {
  return useFrameworkNames().data ?? []
}

/** How a framework is named where space is short: HIPAA, PCI DSS, or an imported catalog's own short name. */
export function useShortName(): (framework: FrameworkId) => string {
  const names = useFrameworkNames().data
  return useCallback(
    (framework: FrameworkId) =>
      names?.find((item) => item.id === framework)?.shortName ??
      (isBuiltinFramework(framework) ? BUILTIN_SHORT_NAMES[framework] : framework.toUpperCase()),
    [names]
  )
}

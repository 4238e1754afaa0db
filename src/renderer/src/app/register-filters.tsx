import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { useLocation } from 'wouter'
import type { ControlQuery } from '@shared/schemas'

interface RegisterFilters {
  filters: ControlQuery
  setFilters: (next: ControlQuery) => void
}

const Context = createContext<RegisterFilters | null>(null)

/** The register's filters outlive the page, so coming back to the register finds them as left. */
export function RegisterFiltersProvider({ children }: { children: ReactNode }) {
  const [filters, setFilters] = useState<ControlQuery>({})
  const value = useMemo(() => ({ filters, setFilters }), [filters])
  return <Context.Provider value={value}>{children}</Context.Provider>
}

export function useRegisterFilters(): RegisterFilters {
  const value = useContext(Context)
  if (!value) throw new Error('useRegisterFilters outside RegisterFiltersProvider')
  return value
}

/** Opens the register filtered (a matrix column, a framework's controls) instead of listing every control in place. */
export function useOpenRegister(): (filters: ControlQuery) => void {
  const { setFilters } = useRegisterFilters()
  const [, navigate] = useLocation()
  return useCallback(
    (filters: ControlQuery) => {
      setFilters(filters)
      navigate('/register')
    },
    [setFilters, navigate]
  )
}

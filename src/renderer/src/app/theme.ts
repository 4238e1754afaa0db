import { useSyncExternalStore } from 'react'

export type ThemePreference = 'system' | 'light' | 'dark'
const STORAGE_KEY = 'evidence-desk.theme'
const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)')
const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  const query = darkQuery()
  query.addEventListener('change', listener)
  return () => {
    listeners.delete(listener)
    query.removeEventListener('change', listener)
  }
}

function preference(): ThemePreference {
  const stored = window.localStorage.getItem(STORAGE_KEY)
  return stored === 'light' || stored === 'dark' ? stored : 'system'
}

export function setThemePreference(value: ThemePreference): void {
  if (value === 'system') window.localStorage.removeItem(STORAGE_KEY)
  else window.localStorage.setItem(STORAGE_KEY, value)
  for (const listener of listeners) listener()
}

/** The theme to show: the user's choice, or the operating system's by default. */
export function useAppearance(): { appearance: 'light' | 'dark'; preference: ThemePreference } {
  const snapshot = useSyncExternalStore(subscribe, () => `${preference()}:${darkQuery().matches ? 'dark' : 'light'}`)
  const [chosen, system] = snapshot.split(':') as [ThemePreference, 'light' | 'dark']
  return { appearance: chosen === 'system' ? system : chosen, preference: chosen }
}

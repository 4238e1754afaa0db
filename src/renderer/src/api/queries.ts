import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient
} from '@tanstack/react-query'
import type { RendererChannel } from '@shared/ipc/channels'
import type { ArgsOf, ResultOf } from '@shared/ipc/contract'
import type { FrameworkId } from '@shared/domain'
import type { AuditQuery } from '@shared/types'
import { CONTROLS_SHOWN, type ControlQuery, type EvidenceQuery } from '@shared/schemas'
import { call } from './client'

/** Query keys start with the channel name, so every cached answer can be traced to its call. */
function useChannel<C extends RendererChannel>(
  channel: C,
  args?: ArgsOf<C>,
  options: { enabled?: boolean; keepPrevious?: boolean } = {}
) {
  return useQuery({
    queryKey: [channel, args ?? null],
    queryFn: () => call(channel, args),
    enabled: options.enabled ?? true,
    // A list whose filter or search changes keeps showing the last answer until the new one arrives.
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {})
  })
}

/** A page of a requirement's or a column's controls. */
export const CONTROL_PAGE_SIZE = 200

export const useAppInfo = () => useChannel('app:info')
export const useAccounts = () => useChannel('accounts:list')
export const useFrameworks = () => useChannel('frameworks:list')
export const useFrameworkNames = () => useChannel('frameworks:names')
export const useRequirementTree = (framework: FrameworkId) =>
  useChannel('frameworks:tree', { framework, controlsPerNode: CONTROLS_SHOWN })
/** Every control mapped to a requirement (a page of CONTROL_PAGE_SIZE), read when it is opened. */
export const useRequirementControls = (framework: FrameworkId, ref: string) =>
  useChannel('requirements:controls', { framework, ref, limit: CONTROL_PAGE_SIZE })
export const useOrganisation = () => useChannel('org:get')
export const usePeople = () => useChannel('people:list')
export const useControls = (query: ControlQuery) => useChannel('controls:list', query, { keepPrevious: true })
export const useControl = (id: string | null) =>
  useChannel('controls:get', { id: id ?? '' }, { enabled: id !== null && id !== '' })
export const useOwners = () => useChannel('controls:owners')
export const useDomains = () => useChannel('controls:domains')
export const useResponsibilityMatrix = (framework?: FrameworkId) =>
  useChannel(
    'responsibility:matrix',
    framework ? { framework, controlsPerColumn: CONTROLS_SHOWN * 5 } : { controlsPerColumn: CONTROLS_SHOWN * 5 },
    { keepPrevious: true }
  )
export const useDashboard = () => useChannel('dashboard:summary')
export const useAuditLog = (query: AuditQuery) => useChannel('audit:list', query)
export const useAuditActors = () => useChannel('audit:actors')
export const useGlobalSearch = (text: string) =>
  useChannel('search:global', { text, limit: 12 }, { enabled: text.trim().length > 0 })

/** A call that changes the register; everything cached is refreshed when it succeeds. */
export function useCommand<C extends RendererChannel>(channel: C) {
  const client = useQueryClient()
  return useMutation<ResultOf<C>, Error, ArgsOf<C>>({
    mutationFn: (args) => call(channel, args),
    onSuccess: () => refreshAll(client)
  })
}

export function refreshAll(client: QueryClient): Promise<void> {
  return client.invalidateQueries()
}

export const EVIDENCE_PAGE_SIZE = 200

/** The vault's list, a page at a time as the table scrolls. */
export function useEvidenceList(query: EvidenceQuery) {
  return useInfiniteQuery({
    queryKey: ['evidence:list', query],
    queryFn: ({ pageParam }) => call('evidence:list', { query, offset: pageParam, limit: EVIDENCE_PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.items.length, 0)
      return loaded < last.total ? loaded : undefined
    }
  })
}

export const useEvidence = (id: string | null) =>
  useChannel('evidence:get', { id: id ?? '' }, { enabled: id !== null && id !== '' })
export const useEvidenceFreshness = () => useChannel('evidence:freshness')
export const useSettings = () => useChannel('settings:get')

export const usePacks = () => useChannel('packs:list')
export const usePack = (id: string | null) =>
  useChannel('packs:get', { id: id ?? '' }, { enabled: id !== null && id !== '' })
export const usePackReadiness = (id: string) => useChannel('packs:readiness', { id })
export const useSigningKey = () => useChannel('packs:signingKey')
export const useKnownKeys = () => useChannel('keys:list')
/** Backups are made in the background (no change to the register announces them): asked again on every visit. */
export const useBackupStatus = () =>
  useQuery({ queryKey: ['backup:status', null], queryFn: () => call('backup:status'), refetchOnMount: 'always' })
export const useOrganizationalUnits = () => useChannel('units:list')
export const useRegisters = () => useChannel('registers:list')

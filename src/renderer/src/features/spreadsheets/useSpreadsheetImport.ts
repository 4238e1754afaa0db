import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { Result } from '@shared/result'
import { errorMessage } from '../../api/client'
import { refreshAll } from '../../api/queries'

export interface ImportRun {
  apply: boolean
  map: Record<string, string>
  sheet?: string
}

/**
 * The state every spreadsheet import wizard keeps: the file, its column mapping and sheet, the preview
 * (read again whenever they change, nothing written), then Apply: all or nothing. An apply refused
 * for rows in error shows those rows in place of the preview; an apply that succeeds closes the
 * wizard, refreshes every screen and hands the result on.
 */
export function useSpreadsheetImport<T extends { errors: readonly unknown[] }>({
  queryKey,
  initialFile = null,
  run,
  onDone,
  onApplied
}: {
  queryKey: readonly unknown[]
  initialFile?: File | null
  run: (file: File, options: ImportRun) => Promise<Result<T>>
  onDone: () => void
  onApplied: (value: T) => void
}) {
  const [file, setFile] = useState<File | null>(initialFile)
  const [map, setMap] = useState<Record<string, string>>({})
  const [sheet, setSheet] = useState<string | undefined>(undefined)
  const [applied, setApplied] = useState<T | null>(null)
  const [applyError, setApplyError] = useState<string | null>(null)
  const [applying, setApplying] = useState(false)
  const client = useQueryClient()
  const options = (apply: boolean): ImportRun => ({ apply, map, ...(sheet ? { sheet } : {}) })
  const previewQuery = useQuery({
    queryKey: [...queryKey, fileKey(file), map, sheet],
    enabled: file !== null,
    gcTime: 0,
    retry: false,
    queryFn: async () => {
      const result = await run(file!, options(false))
      if (!result.ok) throw new Error(result.error.message)
      return result.value
    }
  })

  const apply = async (): Promise<void> => {
    if (!file) return
    setApplying(true)
    const result = await run(file, options(true))
    setApplying(false)
    if (!result.ok) return setApplyError(result.error.message)
    if (result.value.errors.length) return setApplied(result.value)
    // Closed first, so its own preview is not fetched again with everything else.
    onDone()
    void refreshAll(client)
    onApplied(result.value)
  }

  return {
    file,
    preview: applied ?? previewQuery.data ?? null,
    error: applyError ?? (previewQuery.error ? errorMessage(previewQuery.error) : null),
    busy: applying || previewQuery.isFetching,
    /** A new file starts afresh: its own columns and first sheet. */
    choose: (next: File | null): void => {
      setMap({})
      setSheet(undefined)
      setApplied(null)
      setApplyError(null)
      setFile(next)
    },
    chooseSheet: (next: string): void => {
      setApplied(null)
      setSheet(next)
    },
    mapColumn: (heading: string, field: string): void => {
      setApplied(null)
      setMap((current) => ({ ...current, [heading]: field }))
    },
    apply
  }
}

const fileKey = (file: File | null): string => (file ? `${file.name}:${file.size}:${file.lastModified}` : '')

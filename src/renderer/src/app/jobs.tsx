import { Button, Card, Flex, Progress, Text } from '@radix-ui/themes'
import { useQueryClient } from '@tanstack/react-query'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { JobProgress } from '@shared/types'
import { call, onEvent } from '../api/client'
import { refreshAll } from '../api/queries'

interface RunningJob {
  jobId: string
  label: string
  progress: JobProgress | null
  cancelling?: boolean
}

/** Runs long work the main process tracks by job id, showing its progress with a Cancel button. */
export type RunJob = <T>(kind: string, label: string, work: (jobId: string) => Promise<T>) => Promise<T>

const Context = createContext<RunJob>((_kind, _label, work) => work('job-unavailable'))

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1048576).toFixed(1)} MB`
  return `${(bytes / 1073741824).toFixed(2)} GB`
}

function describe(progress: JobProgress | null, percent: number): string {
  if (!progress) return 'Starting…'
  if (progress.unit === 'bytes') return `${percent}% · ${formatBytes(progress.done)} of ${formatBytes(progress.total)}`
  return `${percent}%`
}

/**
 * The panel of long work in progress (attaching files, exporting packs): a progress bar and a
 * Cancel button per job, and every view refreshed when a job ends.
 */
export function JobsProvider({ children }: { children: ReactNode }) {
  const [jobs, setJobs] = useState<RunningJob[]>([])
  const client = useQueryClient()

  useEffect(
    () =>
      onEvent('jobs:progress', (progress) =>
        setJobs((current) => current.map((job) => (job.jobId === progress.jobId ? { ...job, progress } : job)))
      ),
    []
  )

  const run = useCallback<RunJob>(
    async (kind, label, work) => {
      const jobId = `${kind}-${crypto.randomUUID()}`
      setJobs((current) => [...current, { jobId, label, progress: null }])
      try {
        return await work(jobId)
      } finally {
        setJobs((current) => current.filter((job) => job.jobId !== jobId))
        void refreshAll(client)
      }
    },
    [client]
  )
  const value = useMemo(() => run, [run])

  return (
    <Context.Provider value={value}>
      {children}
      {jobs.length > 0 && (
        <div className="jobs-panel" role="region" aria-label="Work in progress">
          {jobs.map((job) => {
            const percent =
              job.progress && job.progress.total > 0
                ? Math.min(100, Math.round((job.progress.done / job.progress.total) * 100))
                : 0
            return (
              <Card key={job.jobId} size="1">
                <Flex direction="column" gap="2">
                  <Flex justify="between" align="center" gap="3">
                    <Text size="2" weight="medium" className="truncate">
                      {job.label}
                    </Text>
                    <Button
                      size="1"
                      variant="soft"
                      color="gray"
                      disabled={job.cancelling}
                      onClick={() => {
                        setJobs((current) =>
                          current.map((item) => (item.jobId === job.jobId ? { ...item, cancelling: true } : item))
                        )
                        void call('jobs:cancel', { jobId: job.jobId })
                      }}
                    >
                      {job.cancelling ? 'Cancelling…' : 'Cancel'}
                    </Button>
                  </Flex>
                  <Progress value={percent} aria-label={`${job.label}: ${percent}%`} />
                  <Text size="1" color="gray">
                    {describe(job.progress, percent)}
                  </Text>
                </Flex>
              </Card>
            )
          })}
        </div>
      )}
    </Context.Provider>
  )
}

export function useRunJob(): RunJob {
  return useContext(Context)
}

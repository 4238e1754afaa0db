import type { BackupService } from './backup-service'

const CHECK_EVERY_MS = 60 * 60 * 1000
const FIRST_CHECK_AFTER_MS = 60 * 1000

/**
 * The app's daily backup: checked a minute after start and every hour, made when the newest
 * automatic backup is a day old (the last seven are kept). A failure is reported, not thrown:
 * the app goes on, and the next check tries again.
 */
export function startBackupSchedule(backups: BackupService, onError: (error: unknown) => void): () => void {
  let running = false
  const check = (): void => {
    if (running) return
    running = true
    backups
      .backUpIfDue()
      .catch(onError)
      .finally(() => (running = false))
  }
  const first = setTimeout(check, FIRST_CHECK_AFTER_MS)
  const every = setInterval(check, CHECK_EVERY_MS)
  first.unref()
  every.unref()
  return () => {
    clearTimeout(first)
    clearInterval(every)
  }
}

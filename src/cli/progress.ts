import { safeText } from '../shared/safe-text'
import type { JobProgress } from '../shared/types'

/** Progress of long work on stderr: a line that updates in a terminal, every tenth otherwise. */
export function progressPrinter(stderr: NodeJS.WritableStream & { isTTY?: boolean }): (progress: JobProgress) => void {
  let lastTenth = -1
  return (progress) => {
    const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0
    const amount = progress.unit === 'bytes' ? ` (${megabytes(progress.done)} of ${megabytes(progress.total)})` : ''
    if (stderr.isTTY) {
      stderr.write(`\r${safeText(progress.label)}: ${percent}%${amount}${progress.state === 'running' ? '' : '\n'}`)
      return
    }
    const tenth = Math.floor(percent / 10)
    if (progress.state === 'running' && tenth === lastTenth) return
    lastTenth = tenth
    if (progress.state === 'running' || progress.state === 'done')
      stderr.write(`${safeText(progress.label)}: ${percent}%${amount}\n`)
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`
}

import { readFileSync } from 'node:fs'

/**
 * The most resident memory this process has used, in bytes, its worker threads included: the
 * kernel's high-water mark of the process's own memory (VmHWM). Not rusage's maxRSS: Linux carries
 * a parent's peak into its child across fork and exec, so a small child of a large parent (a
 * bench or a test runner) would report the parent's size. Where there is no /proc, maxRSS is what
 * there is.
 */
export function peakResidentBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Number(match[1]) * 1024
  } catch {
    // No /proc on this system.
  }
  return process.resourceUsage().maxRSS * 1024
}

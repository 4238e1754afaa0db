import { resolveDataDir } from './core/paths'

/**
 * Reads `--data-dir DIR` (or `--data-dir=DIR`) from the app's command line; otherwise the
 * environment variable, otherwise the given default (Electron's userData folder).
 */
export function dataDirFromArgs(argv: readonly string[], fallback: string, env = process.env): string {
  let flag: string | undefined
  argv.forEach((arg, index) => {
    if (arg === '--data-dir') flag = argv[index + 1]
    else if (arg.startsWith('--data-dir=')) flag = arg.slice('--data-dir='.length)
  })
  return resolveDataDir(flag, env, fallback)
}

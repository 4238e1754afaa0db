import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { formatFingerprint } from '../../shared/fingerprint'
import type { Output } from '../output'
import { withSession, type GlobalOptions } from '../session'

/** `keys list` and `keys trust`: the signing keys a register knows, its own and those it trusts. */
export function registerKeyCommands(program: Command, output: Output): void {
  const keys = program
    .command('keys')
    .description('the pack signing keys this register knows: its own and trusted ones')

  keys
    .command('list')
    .description('list the keys this register signs with and the keys it trusts')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const list = session.register.keys.list()
        if (options.json) {
          output.json(list)
          return
        }
        output.table(
          ['FINGERPRINT', 'TRUST', 'ADDED', 'LABEL'],
          list.map((key) => [formatFingerprint(key.fingerprint), key.trust, key.addedAt.slice(0, 10), key.label || '-'])
        )
        output.note(`${list.length} key${list.length === 1 ? '' : 's'}`)
      })
    })

  keys
    .command('trust')
    .description("trust a preparer's key: its public key file (signing-key.pem) or its fingerprint")
    .argument('<file-or-fingerprint>', 'a PEM public key file, or the 64 hexadecimal digits of a fingerprint')
    .option('--label <text>', 'whose key it is (shown by pack verify and keys list)')
    .option('--json', 'print the key as JSON')
    .action(async (target: string, options: { label?: string; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const key = session.register.keys.trust({
          ...(existsSync(target) ? { file: target } : { fingerprint: target }),
          ...(options.label ? { label: options.label } : {})
        })
        if (options.json) output.json(key)
        else output.line(`Trusted ${formatFingerprint(key.fingerprint)}${key.label ? ` (${key.label})` : ''}.`)
      })
    })
}

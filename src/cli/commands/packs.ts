import type { Command } from 'commander'
import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { toDay, yearEndingOn } from '../../shared/dates'
import { frameworkIdSchema, packInputSchema } from '../../shared/schemas'
import type { PackExportResult, PackVerification } from '../../shared/types'
import type { Register } from '../../main/core/register'
import { formatFingerprint } from '../../shared/fingerprint'
import { verifyPackFile } from '../../main/core/packs/verify/verify-pack'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import type { Output } from '../output'
import { parseWith } from '../parse'
import { progressPrinter } from '../progress'
import { withSession, type GlobalOptions, type Session } from '../session'

interface BuildOptions {
  framework: string[]
  scope?: string[]
  periodStart?: string
  periodEnd?: string
  out: string
  zip?: string
  name?: string
  organisation?: string
  auditor?: string
  preparer?: string
  json?: boolean
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** Names on the command line (account names, account ids or organizational units) as a pack's scope. */
export function resolveScope(
  register: Register,
  names: string[]
): { accounts: string[]; organizationalUnits: string[] } {
  const accounts = register.accounts()
  const scope = { accounts: [] as string[], organizationalUnits: [] as string[] }
  for (const name of names) {
    const wanted = name.trim().toLowerCase()
    const account = accounts.find(
      (candidate) => candidate.name.toLowerCase() === wanted || candidate.accountId === wanted
    )
    if (account) {
      scope.accounts.push(account.accountId)
      continue
    }
    const unit = accounts.find((candidate) => candidate.organizationalUnit.toLowerCase() === wanted)
    if (unit) {
      scope.organizationalUnits.push(unit.organizationalUnit)
      continue
    }
    const known = accounts.map((candidate) => candidate.name).join(', ') || 'none recorded'
    throw new CliError(
      `Unknown scope "${name}". Name an AWS account or organizational unit (accounts: ${known}).`,
      EXIT.usage
    )
  }
  return scope
}

async function buildPack(
  session: Session,
  options: BuildOptions,
  stderr: NodeJS.WritableStream
): Promise<PackExportResult> {
  const { register } = session
  const frameworks = [...new Set(options.framework.map((framework) => parseWith(frameworkIdSchema, framework)))]
  const today = toDay(register.now())
  const info = register.info()
  const input = parseWith(packInputSchema, {
    name: options.name ?? `${frameworks.map((id) => register.frameworks.get(id).name).join(' and ')} evidence pack`,
    frameworks,
    scope: resolveScope(register, options.scope ?? []),
    periodStart: options.periodStart ?? yearEndingOn(options.periodEnd ?? today).start,
    periodEnd: options.periodEnd ?? today,
    organisation: options.organisation ?? info.organisationName ?? info.registerName,
    auditor: options.auditor ?? '',
    preparer: options.preparer ?? register.actor
  })
  const stop = register.jobs.onProgress(progressPrinter(stderr))
  try {
    return await register.packs.export(
      { ...input, id: null, controls: [] },
      { pdf: options.out, zip: options.zip ?? null }
    )
  } finally {
    stop()
  }
}

function printVerification(output: Output, path: string, result: PackVerification): void {
  if (result.pack) {
    output.line(`${result.pack.name} · ${result.pack.organisation} · ${result.pack.frameworks.join(', ')}`)
    output.line(
      `Audit period ${result.pack.periodStart} to ${result.pack.periodEnd}, generated ${result.pack.generatedAt}`
    )
  }
  if (result.keyFingerprint) {
    output.line(`Signed with key ${formatFingerprint(result.keyFingerprint)}`)
    output.line('Compare this fingerprint with the one the preparer gave you.')
  }
  if (result.ok) {
    output.line(`Intact: the signature holds and all ${result.checked} hashes match (${path}).`)
    return
  }
  for (const problem of result.problems)
    output.line(`${problem.kind.toUpperCase()}: ${problem.item}: ${problem.detail}`)
}

export function registerPackCommands(program: Command, output: Output, stderr: NodeJS.WritableStream): void {
  const pack = program.command('pack').description('build audit packs (signed PDF, ZIP) and verify packs')

  pack
    .command('build')
    .description('build a pack: PDF with every evidence file attached, signed, and optionally a ZIP')
    .requiredOption('--framework <id>', 'hipaa, gdpr or pci (repeat for several)', collect)
    .option(
      '--scope <name>',
      'an AWS account (name or id) or organizational unit (repeat); default all accounts',
      collect
    )
    .option('--period-start <YYYY-MM-DD>', 'start of the audit period (default: a year before its end)')
    .option('--period-end <YYYY-MM-DD>', 'end of the audit period (default: today)')
    .requiredOption('--out <file.pdf>', 'where to write the PDF')
    .option('--zip <file.zip>', 'also write a ZIP with the evidence in folders, the manifest and SHA256SUMS')
    .option('--name <text>', 'the pack’s name')
    .option('--organisation <name>', 'the organisation (default: the register’s)')
    .option('--auditor <name>', 'who the pack is for')
    .option('--preparer <name>', 'who prepared it (default: you)')
    .option('--json', 'print the result as JSON')
    .action(async (options: BuildOptions, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const result = await buildPack(session, options, stderr)
        if (options.json) {
          output.json({
            pdf: result.pdf,
            zip: result.zip,
            sha256: result.sha256,
            pages: result.pages,
            evidence: result.evidence
          })
          return
        }
        output.line(`PDF: ${result.pdf} (${result.pages} pages, ${result.evidence} evidence files attached)`)
        if (result.zip) output.line(`ZIP: ${result.zip}`)
        output.line(`SHA-256 ${result.sha256}`)
        output.line(`Signing key fingerprint: ${formatFingerprint(result.keyFingerprint)}`)
      })
    })

  pack
    .command('verify')
    .description('check a pack (PDF or ZIP): its signature and every hash; exit 3 when anything differs')
    .argument('<file>', 'the pack to check')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      // An auditor checks a pack without a register of their own: no data folder is opened.
      const path = resolve(file)
      if (!existsSync(path)) throw new CliError(`${path} does not exist.`, EXIT.notFound)
      if (!statSync(path).isFile()) throw new CliError(`${path} is not a file. Give the pack's PDF or ZIP.`, EXIT.usage)
      const result = await verifyPackFile(path)
      if (options.json) output.json(result)
      else printVerification(output, file, result)
      if (!result.ok) {
        throw new CliError(
          `The pack does not verify: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found.`,
          EXIT.integrity
        )
      }
    })

  program
    .command('demo')
    .description('a first look: the sample organisation with generated evidence, and its PCI DSS pack')
    .option('--out <dir>', 'the folder to create it in', 'demo-output')
    .action(async (options: { out: string }) => {
      const folder = resolve(options.out)
      const dataDir = join(folder, 'register')
      const fresh = !existsSync(join(dataDir, 'register.sqlite'))
      await withSession({ dataDir }, { create: true }, async (session) => {
        if (fresh) output.note('Creating the sample organisation and its evidence…')
        await session.call('app:loadSample')
        const result = await buildPack(
          session,
          {
            framework: ['pci'],
            scope: ['Production'],
            out: join(folder, 'harbor-bean-pci-dss-pack.pdf'),
            zip: join(folder, 'harbor-bean-pci-dss-pack.zip'),
            name: 'PCI DSS assessment (sample)',
            auditor: 'Example QSA LLC',
            preparer: 'Maya Chen'
          },
          stderr
        )
        output.line(`Register:  ${dataDir}`)
        output.line(`Pack PDF:  ${result.pdf}`)
        output.line(`Pack ZIP:  ${result.zip}`)
        output.line(`Open the PDF, or check it as an auditor would: npx evidence-desk pack verify "${result.pdf}"`)
      })
    })
}

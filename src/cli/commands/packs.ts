import type { Command } from 'commander'
import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { toDay, yearEndingOn } from '../../shared/dates'
import { packInputSchema } from '../../shared/schemas'
import type { PackExportResult, PackVerification } from '../../shared/types'
import { formatFingerprint } from '../../shared/fingerprint'
import { knownKeysAt, normaliseFingerprint } from '../../main/core/packs/key-register'
import { applyTrust } from '../../main/core/packs/verify/trust'
import { DATA_DIR_ENV, dataPaths } from '../../main/core/paths'
import { TaskRunner } from '../../main/core/jobs/task-runner'
import { LIMITS } from '../../main/core/util/limits'
import { printVerification } from '../verification-report'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import type { Output } from '../output'
import { parseWith } from '../parse'
import { progressPrinter } from '../progress'
import { resolveFramework, resolveScope } from '../resolve'
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

const SAMPLE_PREPARER = 'Maya Chen'

async function buildPack(
  session: Session,
  options: BuildOptions,
  stderr: NodeJS.WritableStream
): Promise<PackExportResult> {
  const { register } = session
  const frameworks = [...new Set(options.framework.map((framework) => resolveFramework(register, framework)))]
  const today = toDay(register.now())
  const info = register.info()
  const input = parseWith(packInputSchema, {
    name: options.name ?? `${frameworks.map((id) => register.frameworks.nameOf(id)).join(' and ')} evidence pack`,
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

/** Verification runs in a worker with a heap limit, as in the app: a hostile pack cannot exhaust memory. */
async function verifyInWorker(path: string): Promise<PackVerification> {
  const runner = new TaskRunner(LIMITS.workerHeapMb.value)
  try {
    return await runner.run('verify-pack', { path })
  } finally {
    runner.stop()
  }
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
    .description('check a pack (PDF or ZIP): its signatures, every hash and who signed it; exit 3 unless VALID')
    .argument('<file>', 'the pack to check')
    .option('--expect-fingerprint <fp>', 'the signing key fingerprint the preparer gave you; any other key fails')
    .option('--allow-unknown-signer', 'accept a key the register named by --data-dir does not know')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        file: string,
        options: { json?: boolean; expectFingerprint?: string; allowUnknownSigner?: boolean },
        command: Command
      ) => {
        const expected = options.expectFingerprint ? normaliseFingerprint(options.expectFingerprint) : null
        if (options.expectFingerprint && !expected) {
          throw new CliError('--expect-fingerprint takes the 64 hexadecimal digits of a key fingerprint.', EXIT.usage)
        }
        // An auditor checks a pack without a register of their own; a register named by --data-dir
        // (or EVIDENCE_DESK_DATA_DIR) is only read, for the keys it knows.
        const path = resolve(file)
        if (!existsSync(path)) throw new CliError(`${path} does not exist.`, EXIT.notFound)
        if (!statSync(path).isFile())
          throw new CliError(`${path} is not a file. Give the pack's PDF or ZIP.`, EXIT.usage)
        const named = command.optsWithGlobals<GlobalOptions>().dataDir?.trim() || process.env[DATA_DIR_ENV]?.trim()
        const knownKeys = named ? knownKeysAt(dataPaths(named).database) : null
        const result = applyTrust(await verifyInWorker(path), {
          knownKeys,
          expectFingerprint: expected,
          allowUnknownSigner: options.allowUnknownSigner === true
        })
        if (options.json) output.json(result)
        else printVerification(output, file, result, expected)
        if (!result.ok) {
          const reason = result.refusedAtLimit
            ? `refused at the limit of ${result.refusedAtLimit}`
            : result.problems.length
              ? `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found`
              : result.signer?.status === 'mismatch'
                ? 'it is signed by another key than the one expected'
                : 'it is signed by a key this register does not know'
          throw new CliError(`The pack does not verify: ${reason}.`, EXIT.integrity)
        }
      }
    )

  program
    .command('demo')
    .description('a first look: the sample organisation with generated evidence, and its PCI DSS pack')
    .option('--out <dir>', 'the folder to create it in', 'demo-output')
    .action(async (options: { out: string }) => {
      const folder = resolve(options.out)
      const dataDir = join(folder, 'register')
      const fresh = !existsSync(join(dataDir, 'register.sqlite'))
      // The sample's own compliance lead prepares its pack and is recorded as the author of its changes.
      await withSession({ dataDir, as: SAMPLE_PREPARER }, { create: true }, async (session) => {
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
            preparer: SAMPLE_PREPARER
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

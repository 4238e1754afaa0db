import { peakResidentBytes } from '../../main/core/testing/peak-memory'
import { runCli } from '../program'

/**
 * The command line as `bin/evidence-desk.cjs` runs it, reporting on stderr at exit the peak
 * resident memory of the whole process (its worker threads included) and the time it took.
 */
const started = Date.now()
void runCli(process.argv.slice(2)).then((code) => {
  const usage = { maxRssMb: Math.round(peakResidentBytes() / (1024 * 1024)), ms: Date.now() - started }
  process.stderr.write(`MEASURED ${JSON.stringify(usage)}\n`)
  process.exitCode = code
})

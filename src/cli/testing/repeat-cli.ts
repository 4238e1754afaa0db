import { runCli } from '../program'

/**
 * One process running the command line many times in a row, as a script would:
 * `repeat-cli.ts COUNT ARGS...`, where `{i}` in an argument is replaced by the run's number.
 * Prints { ok, failed, errors } as JSON: how many runs exited 0, and the messages of the others.
 */
async function main(): Promise<void> {
  const [count, ...template] = process.argv.slice(2)
  const errors: string[] = []
  let ok = 0
  for (let index = 0; index < Number(count); index++) {
    let stderr = ''
    const code = await runCli(
      template.map((arg) => arg.replaceAll('{i}', String(index))),
      {
        stdout: { write: () => true } as unknown as NodeJS.WritableStream,
        stderr: { write: (text: string) => ((stderr += text), true) } as unknown as NodeJS.WritableStream
      }
    )
    if (code === 0) ok++
    else errors.push(stderr.trim())
  }
  process.stdout.write(`${JSON.stringify({ ok, failed: errors.length, errors: errors.slice(0, 5) })}\n`)
}

void main()

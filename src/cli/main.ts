import { version } from '../../package.json'

const argv = process.argv.slice(2)
// The version is answered before anything else is loaded: scripts ask for it to check the install.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`)
} else {
  void import('./program').then(async ({ runCli }) => {
    process.exitCode = await runCli(argv)
  })
}

import { COLLECTOR_PLAN, isLoop, type CollectorCall, type CollectorLoop } from './collector-plan'
import { scriptHeader, type CollectorScope } from './script-header'

/** Single quotes for PowerShell: the text as one literal string. */
const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`

const words = (args: string[] = []): string => args.map(quote).join(' ')

function call(step: CollectorCall, regional: boolean): string {
  const region = regional ? ' --region $Region' : ''
  return `    Invoke-Collect $Account $Place ${quote(step.file)} { aws ${step.service} ${step.verb}${region}${step.args ? ` ${words(step.args)}` : ''} --output json }`
}

function loop(step: CollectorLoop): string {
  const each = step.each
  const list = `aws ${step.list.service} ${step.list.verb} --region $Region --query ${quote(step.list.query)} --output text`
  if (!step.nested) {
    return [
      `    $N = 0`,
      `    foreach ($Id in (Get-Ids { ${list} })) {`,
      `      $N++`,
      `      Invoke-Collect $Account $Place "${each.file}-$N.json" { aws ${each.service} ${each.verb} --region $Region ${each.idOption} $Id --output json }`,
      `    }`
    ].join('\n')
  }
  const nested = step.nested
  const batch = step.batch ?? 1
  return [
    `    foreach ($Parent in (Get-Ids { ${list} })) {`,
    `      $Found = @(Get-Ids { aws ${nested.service} ${nested.verb} --region $Region ${nested.parentOption} $Parent --query ${quote(nested.query)} --output text })`,
    `      for ($Start = 0; $Start -lt $Found.Count; $Start += ${batch}) {`,
    `        $Batch = $Found[$Start..([Math]::Min($Start + ${batch}, $Found.Count) - 1)]`,
    `        Invoke-Collect $Account $Place "${each.file}-$Parent-$([Math]::Floor($Start / ${batch}) + 1).json" { aws ${each.service} ${each.verb} --region $Region ${nested.parentOption} $Parent ${each.idOption} $Batch --output json }`,
    `      }`,
    `    }`
  ].join('\n')
}

/** The collector as a PowerShell script (Windows PowerShell 5.1 or PowerShell 7, with the AWS CLI v2). */
export function powershellCollector(scope: CollectorScope): string {
  const accountSteps = COLLECTOR_PLAN.account.map((step) => (isLoop(step) ? '' : call(step, false))).join('\n')
  const regionalSteps = COLLECTOR_PLAN.regional.map((step) => (isLoop(step) ? loop(step) : call(step, true))).join('\n')
  return `${scriptHeader(scope, '#')}

$ErrorActionPreference = 'Continue'
$Accounts = @(${scope.accounts.map((account) => quote(account.accountId)).join(', ')})
$Regions = @(${scope.regions.map(quote).join(', ')})
$Pack = ${quote(scope.packName)}
$Role = $env:COLLECTOR_ROLE
$Out = 'evidence-desk-collection-' + (Get-Date).ToUniversalTime().ToString('yyyyMMddTHHmmssZ')
$Started = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
$Runs = New-Object System.Collections.Generic.List[object]
$Utf8 = New-Object System.Text.UTF8Encoding $false
New-Item -ItemType Directory -Force -Path $Out | Out-Null

# Runs one read-only call and saves its output as ACCOUNT/PLACE/FILE; the manifest records what ran,
# when, and how it ended (a service that is not enabled ends with an error, and is kept so).
function Invoke-Collect([string]$Account, [string]$Place, [string]$File, [scriptblock]$Command) {
  $Dir = Join-Path $Out (Join-Path $Account $Place)
  New-Item -ItemType Directory -Force -Path $Dir | Out-Null
  $StartedAt = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
  $ErrorFile = Join-Path $Dir "$File.err"
  $Output = & $Command 2> $ErrorFile
  $Status = $LASTEXITCODE
  $ErrorText = ''
  if ($Status -eq 0) {
    [System.IO.File]::WriteAllText((Join-Path (Resolve-Path $Dir) $File), (($Output | Out-String).Trim()), $Utf8)
  } else {
    $ErrorText = (Get-Content -Raw -ErrorAction SilentlyContinue $ErrorFile)
  }
  Remove-Item -Force -ErrorAction SilentlyContinue $ErrorFile
  $Runs.Add([ordered]@{ account = $Account; region = $Place; file = "$Account/$Place/$File"; command = $Command.ToString().Trim(); startedAt = $StartedAt; exitCode = $Status; error = "$ErrorText".Trim() })
}

# The ids a listing call prints as text.
function Get-Ids([scriptblock]$Command) {
  $Text = & $Command 2> $null
  if ($LASTEXITCODE -ne 0) { return @() }
  return @(($Text -join [Environment]::NewLine) -split '\\s+' | Where-Object { $_ -and $_ -ne 'None' })
}

function Invoke-Account([string]$Account) {
  Write-Host "Collecting account $Account"
  $Place = 'global'
  # IAM prepares the credential report on request (at most every four hours); wait for it.
  for ($Try = 0; $Try -lt 10; $Try++) {
    if ((aws iam generate-credential-report --query State --output text 2> $null) -eq 'COMPLETE') { break }
    Start-Sleep -Seconds 3
  }
${accountSteps}
  foreach ($Region in $Regions) {
    $Place = $Region
    Write-Host "  Region $Region"
${regionalSteps}
  }
}

$Current = aws sts get-caller-identity --query Account --output text
if ($LASTEXITCODE -ne 0) { Write-Error 'The AWS CLI is not signed in. Configure credentials first.'; exit 1 }
if ($Accounts.Count -eq 0) { $Accounts = @($Current) }
if ($Regions.Count -eq 0) { $Regions = @($(if ($env:AWS_REGION) { $env:AWS_REGION } else { 'us-east-1' })) }

foreach ($Account in $Accounts) {
  if ($Account -eq $Current) { Invoke-Account $Account; continue }
  if (-not $Role) {
    Write-Host "Skipping $Account: set COLLECTOR_ROLE to a read-only role you may assume in it."
    $Runs.Add([ordered]@{ account = $Account; region = 'global'; file = ''; command = ''; startedAt = $Started; exitCode = 1; error = 'skipped: not the signed-in account and COLLECTOR_ROLE is not set' })
    continue
  }
  $Credentials = aws sts assume-role --role-arn "arn:aws:iam::$($Account):role/$Role" --role-session-name evidence-desk-collector --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text
  if ($LASTEXITCODE -ne 0) {
    $Runs.Add([ordered]@{ account = $Account; region = 'global'; file = ''; command = 'sts assume-role'; startedAt = $Started; exitCode = 1; error = "could not assume the role $Role" })
    continue
  }
  $Parts = "$Credentials" -split '\\s+'
  $env:AWS_ACCESS_KEY_ID = $Parts[0]; $env:AWS_SECRET_ACCESS_KEY = $Parts[1]; $env:AWS_SESSION_TOKEN = $Parts[2]
  try { Invoke-Account $Account }
  finally { Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue }
}

$Manifest = [ordered]@{
  format = 'evidence-desk-collection'; version = 1; pack = $Pack; startedAt = $Started
  finishedAt = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ'); signedInAccount = $Current
  regions = $Regions; runs = $Runs
}
[System.IO.File]::WriteAllText((Join-Path (Resolve-Path $Out) 'manifest.json'), ($Manifest | ConvertTo-Json -Depth 5), $Utf8)
Compress-Archive -Path (Join-Path $Out '*') -DestinationPath "$Out.zip" -Force
Write-Host "Wrote $Out.zip: import it into Evidence Desk (evidence-desk collector import $Out.zip)."
`
}

import { COLLECTOR_PLAN, isLoop, type CollectorCall, type CollectorLoop } from './collector-plan'
import { scriptHeader, type CollectorScope } from './script-header'

/** Single quotes for bash: the text as one literal word. */
const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`

const words = (args: string[] = []): string => args.map(quote).join(' ')

function call(step: CollectorCall, regional: boolean): string {
  const region = regional ? ' --region "$region"' : ''
  return `  run "$account" "$place" ${quote(step.file)} aws ${step.service} ${step.verb}${region}${step.args ? ` ${words(step.args)}` : ''}`
}

function loop(step: CollectorLoop, index: number): string {
  const each = step.each
  const list = `aws ${step.list.service} ${step.list.verb} --region "$region" --query ${quote(step.list.query)}${step.list.args ? ` ${words(step.list.args)}` : ''}`
  if (!step.nested) {
    return [
      `  n=0`,
      `  while IFS= read -r id; do`,
      `    n=$((n + 1))`,
      `    run "$account" "$place" "${each.file}-$n.json" aws ${each.service} ${each.verb} --region "$region" ${each.idOption} "$id"`,
      `  done < <(ids ${list})`
    ].join('\n')
  }
  const nested = step.nested
  return [
    `  while IFS= read -r parent; do`,
    `    mapfile -t found < <(ids aws ${nested.service} ${nested.verb} --region "$region" ${nested.parentOption} "$parent" --query ${quote(nested.query)})`,
    `    for ((start = 0; start < \${#found[@]}; start += ${step.batch ?? 1})); do`,
    `      run "$account" "$place" "${each.file}-${index}-$parent-$((start / ${step.batch ?? 1} + 1)).json" aws ${each.service} ${each.verb} --region "$region" ${nested.parentOption} "$parent" ${each.idOption} "\${found[@]:start:${step.batch ?? 1}}"`,
    `    done`,
    `  done < <(ids ${list})`
  ].join('\n')
}

/** The collector as a bash script for AWS CloudShell (or any shell with the AWS CLI v2). */
export function bashCollector(scope: CollectorScope): string {
  const header = scriptHeader(scope, '#')
  const accountSteps = COLLECTOR_PLAN.account.map((step) => (isLoop(step) ? '' : call(step, false))).join('\n')
  const regionalSteps = COLLECTOR_PLAN.regional
    .map((step, index) => (isLoop(step) ? loop(step, index) : call(step, true)))
    .join('\n')
  return `#!/usr/bin/env bash
${header}
set -uo pipefail

ACCOUNTS=(${scope.accounts.map((account) => quote(account.accountId)).join(' ')})
REGIONS=(${scope.regions.map(quote).join(' ')})
PACK=${quote(scope.packName)}
ROLE="\${COLLECTOR_ROLE:-}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="evidence-desk-collection-$STAMP"
RUNS="$OUT/.runs"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
mkdir -p "$OUT"
: >"$RUNS"

json_text() {
  local text=$1
  text=\${text//\\\\/\\\\\\\\}
  text=\${text//\\"/\\\\\\"}
  text=\${text//$'\\n'/ }
  text=\${text//$'\\r'/ }
  text=\${text//$'\\t'/ }
  printf '%s' "$text"
}

# Runs one read-only call and saves its output as ACCOUNT/PLACE/FILE; the manifest records what
# ran, when, and how it ended (a service that is not enabled ends with an error, and is kept so).
run() {
  local account=$1 place=$2 file=$3
  shift 3
  local dir="$OUT/$account/$place" started status=0 error=""
  mkdir -p "$dir"
  started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  "$@" --output json >"$dir/$file" 2>"$dir/$file.err" || status=$?
  if [ "$status" -ne 0 ]; then
    error="$(head -c 300 "$dir/$file.err")"
    rm -f "$dir/$file"
  fi
  rm -f "$dir/$file.err"
  printf '{"account":"%s","region":"%s","file":"%s","command":"%s","startedAt":"%s","exitCode":%d,"error":"%s"}\\n' \\
    "$account" "$place" "$(json_text "$account/$place/$file")" "$(json_text "$*")" "$started" "$status" "$(json_text "$error")" >>"$RUNS"
}

# The ids a listing call prints as text, one a line.
ids() {
  "$@" --output text 2>/dev/null | tr '\\t' '\\n' | sed -e '/^$/d' -e '/^None$/d'
}

collect_account() {
  local account=$1 place region n id parent start
  local -a found
  place=global
  echo "Collecting account $account" >&2
  # IAM prepares the credential report on request (at most every four hours); wait for it.
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    [ "$(aws iam generate-credential-report --query State --output text 2>/dev/null)" = COMPLETE ] && break
    sleep 3
  done
${accountSteps}
  for region in "\${REGIONS[@]}"; do
  place=$region
  echo "  Region $region" >&2
${regionalSteps}
  done
}

CURRENT="$(aws sts get-caller-identity --query Account --output text)" || {
  echo "The AWS CLI is not signed in. Run this in AWS CloudShell or configure credentials first." >&2
  exit 1
}
if [ "\${#ACCOUNTS[@]}" -eq 0 ]; then ACCOUNTS=("$CURRENT"); fi
if [ "\${#REGIONS[@]}" -eq 0 ]; then REGIONS=("\${AWS_REGION:-us-east-1}"); fi

for account in "\${ACCOUNTS[@]}"; do
  if [ "$account" = "$CURRENT" ]; then
    collect_account "$account"
  elif [ -n "$ROLE" ]; then
    if credentials="$(aws sts assume-role --role-arn "arn:aws:iam::$account:role/$ROLE" --role-session-name evidence-desk-collector --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)"; then
      (
        read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN <<<"$credentials"
        export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
        collect_account "$account"
      )
    else
      printf '{"account":"%s","region":"global","file":"","command":"sts assume-role","startedAt":"%s","exitCode":1,"error":"could not assume the role %s"}\\n' \\
        "$account" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(json_text "$ROLE")" >>"$RUNS"
    fi
  else
    echo "Skipping $account: set COLLECTOR_ROLE to a read-only role you may assume in it." >&2
    printf '{"account":"%s","region":"global","file":"","command":"","startedAt":"%s","exitCode":1,"error":"skipped: not the signed-in account and COLLECTOR_ROLE is not set"}\\n' \\
      "$account" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$RUNS"
  fi
done

{
  printf '{"format":"evidence-desk-collection","version":1,"pack":"%s","startedAt":"%s","finishedAt":"%s","signedInAccount":"%s",\\n' \\
    "$(json_text "$PACK")" "$STARTED" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$CURRENT"
  printf '"regions":[%s],\\n' "$(printf '"%s",' "\${REGIONS[@]}" | sed 's/,$//')"
  printf '"runs":[\\n'
  paste -sd, "$RUNS"
  printf ']}\\n'
} >"$OUT/manifest.json"
rm -f "$RUNS"

if command -v zip >/dev/null 2>&1; then
  (cd "$OUT" && zip -qr "../$OUT.zip" .)
else
  (cd "$OUT" && python3 -m zipfile -c "../$OUT.zip" ./*)
fi
echo "Wrote $OUT.zip: import it into Evidence Desk (evidence-desk collector import $OUT.zip)." >&2
`
}

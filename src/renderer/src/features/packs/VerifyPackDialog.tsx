import { CheckCircledIcon, CrossCircledIcon, LockClosedIcon } from '@radix-ui/react-icons'
import { Badge, Button, Callout, Code, DataList, Dialog, Flex, Spinner, Text } from '@radix-ui/themes'
import { useRef, useState, type DragEvent, type ReactNode } from 'react'
import { formatFingerprint } from '@shared/fingerprint'
import { safeText } from '@shared/safe-text'
import type { PackSigner, PackVerification } from '@shared/types'
import { FilePicker } from '../../components/FilePicker'
import { TrustKeyDialog } from '../settings/TrustKeyDialog'

const PROBLEM_LABELS: Record<PackVerification['problems'][number]['kind'], string> = {
  changed: 'Changed',
  added: 'Added',
  removed: 'Removed',
  signature: 'Signature',
  structure: 'Structure'
}

const SIGNER_WORDS: Record<PackSigner['status'], { label: string; color: 'green' | 'amber' | 'red' | 'gray' }> = {
  own: { label: "This installation's key", color: 'green' },
  trusted: { label: 'A key this register trusts', color: 'green' },
  expected: { label: 'The key you expected', color: 'green' },
  unknown: { label: 'A key this register does not know', color: 'amber' },
  mismatch: { label: 'Not the key you expected', color: 'red' }
}

function Outcome({ file, result, onTrusted }: { file: string; result: PackVerification; onTrusted: () => void }) {
  // Every name below came from the file: shown through safeText, so no override reorders it.
  const name = safeText(file)
  const signer = result.signer
  const annotationsOnly =
    !!result.appendedAfterSigning?.changes.length &&
    result.appendedAfterSigning.changes.every((change) => change === 'annotations')
  return (
    <Flex direction="column" gap="3" aria-label="Verification result" role="region">
      <Callout.Root color={result.ok ? 'green' : 'red'} size="1" role="status">
        <Callout.Icon>{result.ok ? <CheckCircledIcon /> : <CrossCircledIcon />}</Callout.Icon>
        <Callout.Text>
          <Text weight="bold">{result.ok ? 'VALID' : 'NOT VALID — do not rely on this pack'}</Text>
          <br />
          {result.intact
            ? `${name} is intact: the signature holds and all ${result.checked} hashes match.`
            : `${name} does not verify: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found.`}
          {result.intact && signer?.status === 'unknown'
            ? ' It is signed by a key this register does not know: compare the fingerprint with the one the preparer gave you.'
            : ''}
        </Callout.Text>
      </Callout.Root>
      {annotationsOnly && (
        <Callout.Root color="amber" size="1">
          <Callout.Text>
            Signed revision intact; changes appended after signing: {result.appendedAfterSigning!.changes.join(', ')}.
            They are not covered by the signature.
          </Callout.Text>
        </Callout.Root>
      )}
      {result.pack && (
        <DataList.Root size="1">
          <DataList.Item>
            <DataList.Label>Pack</DataList.Label>
            <DataList.Value>
              {safeText(result.pack.name)} · {safeText(result.pack.organisation)}
            </DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>Audit period</DataList.Label>
            <DataList.Value>
              {safeText(result.pack.periodStart)} to {safeText(result.pack.periodEnd)} ·{' '}
              {result.pack.frameworks.map(safeText).join(', ')}
            </DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>Generated</DataList.Label>
            <DataList.Value>{safeText(result.pack.generatedAt)}</DataList.Value>
          </DataList.Item>
          {result.pdfSignature && (
            <DataList.Item>
              <DataList.Label>PDF signature</DataList.Label>
              <DataList.Value>
                {result.pdfSignature.valid ? 'Valid' : 'Not valid'} · {safeText(result.pdfSignature.signer)}
              </DataList.Value>
            </DataList.Item>
          )}
        </DataList.Root>
      )}
      {signer && (
        <Flex direction="column" gap="1">
          <Text size="1" weight="medium">
            Signed with key
          </Text>
          <Flex gap="2" align="center" wrap="wrap">
            <Code size="1">{formatFingerprint(signer.fingerprint)}</Code>
            <Badge color={SIGNER_WORDS[signer.status].color}>
              {signer.status === 'own' && <LockClosedIcon />} {SIGNER_WORDS[signer.status].label}
              {signer.label ? ` (${safeText(signer.label)})` : ''}
            </Badge>
            {signer.status === 'unknown' && result.intact && (
              <TrustKeyDialog
                fingerprint={signer.fingerprint}
                onTrusted={onTrusted}
                trigger={
                  <Button size="1" variant="soft">
                    Trust this key…
                  </Button>
                }
              />
            )}
          </Flex>
          <Text size="1" color="gray">
            A signature proves the pack is unchanged since it was signed; compare the fingerprint with the one the
            preparer gave you to know who signed it, then trust the key here or in Settings.
          </Text>
        </Flex>
      )}
      {result.problems.length > 0 && (
        <ul className="problem-list" aria-label="What differs">
          {result.problems.map((problem, index) => (
            <li key={`${problem.item}-${index}`}>
              <Badge color="red" variant="soft">
                {PROBLEM_LABELS[problem.kind]}
              </Badge>
              <Flex direction="column" style={{ minWidth: 0 }}>
                <Text size="1" weight="medium" className="truncate" title={safeText(problem.item)}>
                  {safeText(problem.item)}
                </Text>
                <Text size="1" color="gray">
                  {safeText(problem.detail)}
                  {problem.requirements?.length
                    ? ` Evidence for ${problem.requirements.map(safeText).join(', ')}.`
                    : ''}
                </Text>
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  )
}

/** Checks a pack someone sends back (PDF or ZIP): the signature and every hash, and what differs. */
export function VerifyPackDialog({ trigger }: { trigger: ReactNode }) {
  const [open, setOpen] = useState(false)
  const [over, setOver] = useState(false)
  const [checking, setChecking] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<{ file: string; result: PackVerification } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const lastFile = useRef<File | null>(null)

  const verify = async (file: File): Promise<void> => {
    lastFile.current = file
    setChecking(file.name)
    setOutcome(null)
    setError(null)
    try {
      const result = await window.api.verifyPackFile(file)
      if (result.ok) setOutcome({ file: file.name, result: result.value })
      else setError(result.error.message)
    } catch {
      setError('Evidence Desk did not answer. Try again; nothing was changed.')
    } finally {
      setChecking(null)
    }
  }

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    if (!event.dataTransfer.types.includes('Files')) return
    // Claim the drop: files dropped here are checked, not attached as evidence.
    event.preventDefault()
    event.stopPropagation()
    setOver(false)
    const file = event.dataTransfer.files[0]
    if (file) void verify(file)
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) {
          setOutcome(null)
          setError(null)
        }
      }}
    >
      <Dialog.Trigger>{trigger}</Dialog.Trigger>
      <Dialog.Content maxWidth="620px" aria-describedby="verify-pack-description">
        <Dialog.Title>Verify a pack</Dialog.Title>
        <Dialog.Description id="verify-pack-description" size="2" color="gray" mb="3">
          Check a pack&apos;s PDF or ZIP: its signature, the PDF&apos;s body and every evidence file&apos;s SHA-256. The
          file is only read.
        </Dialog.Description>
        <Flex direction="column" gap="3">
          <div
            className="drop-zone"
            data-over={over || undefined}
            role="group"
            aria-label="Drop a pack to verify"
            onDragOver={(event) => {
              if (!event.dataTransfer.types.includes('Files')) return
              event.preventDefault()
              event.stopPropagation()
              setOver(true)
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <Text size="2">{checking ? `Checking ${checking}…` : 'Drop a pack (PDF or ZIP) here'}</Text>
            {checking ? (
              <Spinner />
            ) : (
              <FilePicker
                multiple={false}
                accept=".pdf,.zip,application/pdf,application/zip"
                inputLabel="Pack to verify"
                onFiles={(files) => void verify(files[0]!)}
              >
                Choose a pack…
              </FilePicker>
            )}
          </div>
          {error && (
            <Callout.Root color="red" size="1" role="alert">
              <Callout.Text>{error}</Callout.Text>
            </Callout.Root>
          )}
          {outcome && (
            <Outcome
              file={outcome.file}
              result={outcome.result}
              // Checked again once the key is trusted, so the verdict names the signer as trusted.
              onTrusted={() => lastFile.current && void verify(lastFile.current)}
            />
          )}
          <Flex justify="end">
            <Dialog.Close>
              <Button variant="soft" color="gray">
                Close
              </Button>
            </Dialog.Close>
          </Flex>
        </Flex>
      </Dialog.Content>
    </Dialog.Root>
  )
}

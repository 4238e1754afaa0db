import { CheckCircledIcon, DownloadIcon } from '@radix-ui/react-icons'
import { Callout, Card, Checkbox, Code, DataList, Flex, Heading, Text } from '@radix-ui/themes'
import { useState } from 'react'
import { formatFingerprint } from '@shared/fingerprint'
import type { PackDefinition, PackExportResult } from '@shared/types'
import { ApiError, call, errorMessage } from '../../api/client'
import { useAppInfo, usePackReadiness, useSigningKey } from '../../api/queries'
import { useRunJob } from '../../app/jobs'
import { ConfirmButton } from '../../components/ConfirmButton'
import { CopyButton } from '../../components/CopyButton'
import { useToast } from '../../components/Toasts'
import { CollectorScriptSection } from './CollectorScriptSection'
import { ShowInFolderButton } from './ShowInFolderButton'
import { formatMoment } from '../../components/dates'

const fileName = (path: string): string => path.split(/[\\/]/).at(-1) ?? path

function Hash({ value, label }: { value: string; label: string }) {
  return (
    <Flex align="center" gap="1" style={{ minWidth: 0 }}>
      <Code size="1" className="hash">
        {value}
      </Code>
      <CopyButton value={value} label={label} />
    </Flex>
  )
}

function ExportResult({ result }: { result: PackExportResult }) {
  return (
    <Callout.Root color="green" size="1" role="status" aria-label="Export finished">
      <Callout.Icon>
        <CheckCircledIcon />
      </Callout.Icon>
      <Flex direction="column" gap="2" style={{ minWidth: 0 }}>
        <Text size="2" weight="medium">
          Exported: {result.pages} pages, {result.evidence} evidence files attached.
        </Text>
        <DataList.Root size="1">
          {[result.pdf, result.zip]
            .filter((path): path is string => path !== null)
            .map((path) => (
              <DataList.Item key={path}>
                <DataList.Label>{path.endsWith('.zip') ? 'ZIP' : 'PDF'}</DataList.Label>
                <DataList.Value>
                  <Flex direction="column" gap="1" style={{ minWidth: 0 }}>
                    <Text size="1" className="truncate" title={path}>
                      {fileName(path)}
                    </Text>
                    <ShowInFolderButton path={path} />
                  </Flex>
                </DataList.Value>
              </DataList.Item>
            ))}
          <DataList.Item>
            <DataList.Label>SHA-256</DataList.Label>
            <DataList.Value>
              <Hash value={result.sha256} label="Copy the pack's SHA-256" />
            </DataList.Value>
          </DataList.Item>
        </DataList.Root>
      </Flex>
    </Callout.Root>
  )
}

/** Export to PDF, ZIP or both (progress and Cancel in the jobs panel), the signing key, and earlier exports. */
export function PackExportTab({ pack }: { pack: PackDefinition }) {
  const [formats, setFormats] = useState({ pdf: true, zip: true })
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<PackExportResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const info = useAppInfo()
  const key = useSigningKey()
  const run = useRunJob()
  const readiness = usePackReadiness(pack.id)
  const openItems = readiness.data?.openItems.length ?? 0
  const toast = useToast()

  const exportPack = async (): Promise<void> => {
    setRunning(true)
    setError(null)
    setResult(null)
    try {
      const exported = await run('export', `Exporting ${pack.name}`, (jobId) =>
        call('packs:export', { id: pack.id, pdf: formats.pdf, zip: formats.zip, jobId })
      )
      setResult(exported)
      toast({
        title: `Exported ${pack.id}`,
        description: `${exported.pages} pages, ${exported.evidence} evidence files`,
        tone: 'success',
        ...(info.data?.canShowInFolder
          ? {
              action: {
                label: 'Show in folder',
                onClick: () => void call('app:showInFolder', { path: (exported.pdf ?? exported.zip)! })
              }
            }
          : {})
      })
    } catch (exportError) {
      if (exportError instanceof ApiError && exportError.code === 'CANCELLED') {
        toast({ title: 'Export cancelled', description: 'No file was written.', tone: 'info' })
      } else {
        setError(errorMessage(exportError))
      }
    } finally {
      setRunning(false)
    }
  }

  return (
    <Flex direction="column" gap="4">
      <section aria-label="Export">
        <Heading as="h3" size="2" mb="2">
          Export
        </Heading>
        <Flex direction="column" gap="2">
          <Text as="label" size="2">
            <Flex gap="2" align="start">
              <Checkbox
                checked={formats.pdf}
                onCheckedChange={(checked) => setFormats((current) => ({ ...current, pdf: checked === true }))}
              />
              <span>
                PDF <Text color="gray">· one signed file: the report, with every evidence file attached</Text>
              </span>
            </Flex>
          </Text>
          <Text as="label" size="2">
            <Flex gap="2" align="start">
              <Checkbox
                checked={formats.zip}
                onCheckedChange={(checked) => setFormats((current) => ({ ...current, zip: checked === true }))}
              />
              <span>
                ZIP{' '}
                <Text color="gray">· the PDF, evidence files in folders by requirement, manifest and SHA256SUMS</Text>
              </span>
            </Flex>
          </Text>
          <Flex gap="2" align="center" mt="1">
            <ConfirmButton
              size="2"
              onConfirm={() => void exportPack()}
              loading={running}
              disabled={!formats.pdf && !formats.zip}
              ask={openItems > 0}
              title={`Export with ${openItems} open item${openItems === 1 ? '' : 's'}?`}
              description={`The auditor will find ${openItems} open item${openItems === 1 ? '' : 's'} in this pack (see Readiness); the pack lists ${openItems === 1 ? 'it' : 'them'} too. Export now, or fix them first.`}
              confirmLabel="Export anyway"
            >
              <DownloadIcon /> Export pack
            </ConfirmButton>
            <Text size="1" color="gray">
              {!formats.pdf && !formats.zip
                ? 'Choose PDF, ZIP or both.'
                : `Saved in ${info.data?.exportsDir ?? 'the exports folder'}.`}
            </Text>
          </Flex>
        </Flex>
      </section>

      {error && (
        <Callout.Root color="red" size="1" role="alert">
          <Callout.Text>{error}</Callout.Text>
        </Callout.Root>
      )}
      {result && <ExportResult result={result} />}

      <Card size="1">
        <Heading as="h3" size="2" mb="1">
          Signing key
        </Heading>
        <Text as="p" size="1" color="gray" mb="2">
          Every pack is signed with this installation&apos;s key. Give the auditor its fingerprint by another channel
          (email or phone): &ldquo;Verify a pack&rdquo; shows the fingerprint a pack was signed with.
        </Text>
        {key.data ? (
          <Code size="1" aria-label="Signing key fingerprint">
            {formatFingerprint(key.data.fingerprint)}
          </Code>
        ) : (
          <Text size="1" color="gray">
            {key.isError ? errorMessage(key.error) : 'Loading…'}
          </Text>
        )}
      </Card>

      <CollectorScriptSection pack={pack} />

      <section aria-label="Earlier exports">
        <Heading as="h3" size="2" mb="2">
          Earlier exports
        </Heading>
        {pack.exports.length === 0 ? (
          <Text size="2" color="gray">
            Not exported yet.
          </Text>
        ) : (
          <ul className="export-list">
            {pack.exports.map((record) => (
              <li key={record.id}>
                <Flex justify="between" gap="2">
                  <Text size="1" weight="medium">
                    {formatMoment(record.exportedAt)}
                  </Text>
                  <Text size="1" color="gray">
                    {record.pages} pages · {record.evidence} files · {record.exportedBy}
                  </Text>
                </Flex>
                {[record.pdfPath, record.zipPath]
                  .filter((path): path is string => path !== null)
                  .map((path) => (
                    <Flex key={path} gap="2" align="center" justify="between">
                      <Text size="1" className="truncate" title={path}>
                        {fileName(path)}
                      </Text>
                      <ShowInFolderButton path={path} />
                    </Flex>
                  ))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Flex>
  )
}

import { CodeIcon } from '@radix-ui/react-icons'
import { Button, Callout, Card, Flex, Heading, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import type { CollectorScriptResult, PackDefinition } from '@shared/types'
import { call, errorMessage } from '../../api/client'

/** Writes the read-only AWS collector for the pack's accounts; the app never holds AWS credentials. */
export function CollectorScriptSection({ pack }: { pack: PackDefinition }) {
  const [regions, setRegions] = useState('')
  const [result, setResult] = useState<CollectorScriptResult | null>(null)
  const [error, setError] = useState<string | null>(null)

  const write = async (shell: 'bash' | 'powershell'): Promise<void> => {
    setError(null)
    setResult(null)
    try {
      const list = regions.split(/[\s,]+/).filter(Boolean)
      setResult(await call('collector:writeScript', { packId: pack.id, shell, regions: list }))
    } catch (writeError) {
      setError(errorMessage(writeError))
    }
  }

  return (
    <Card size="1" asChild>
      <section aria-label="AWS collector">
        <Heading as="h3" size="2" mb="1">
          Gather AWS exports
        </Heading>
        <Text as="p" size="1" color="gray" mb="2">
          A script for AWS CloudShell (or PowerShell) that makes only read-only calls (SecurityAudit is enough) for this
          pack&apos;s accounts and zips what it gathers. Import the ZIP with &ldquo;evidence-desk collector
          import&rdquo;: each file is tagged with its account and linked to its controls.
        </Text>
        <Flex gap="2" align="center" wrap="wrap">
          <TextField.Root
            size="1"
            aria-label="AWS Regions"
            placeholder="Regions, such as eu-west-1 us-east-1"
            value={regions}
            onChange={(event) => setRegions(event.target.value)}
          />
          <Button size="1" variant="soft" onClick={() => void write('bash')}>
            <CodeIcon /> CloudShell script
          </Button>
          <Button size="1" variant="soft" onClick={() => void write('powershell')}>
            <CodeIcon /> PowerShell script
          </Button>
        </Flex>
        {result && (
          <Text as="p" size="1" mt="2" role="status" className="truncate" title={result.path}>
            Wrote {result.path}
          </Text>
        )}
        {error && (
          <Callout.Root color="red" size="1" role="alert" mt="2">
            <Callout.Text>{error}</Callout.Text>
          </Callout.Root>
        )}
      </section>
    </Card>
  )
}

import { Badge, Button, Code, Flex, Table, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import { useCommand, useRegisters } from '../../api/queries'
import { useToast } from '../../components/Toasts'
import { TrySampleButton } from './TrySampleButton'

/** The register switcher: recent registers (data folders), another folder, the sample organisation. */
export function RegistersSection({ desktop }: { desktop: boolean }) {
  const registers = useRegisters()
  const switchTo = useCommand('registers:switch')
  const openFolder = useCommand('registers:openFolder')
  const toast = useToast()
  const [folder, setFolder] = useState('')
  const onError = (error: Error): void =>
    toast({ title: 'The register could not be opened', description: error.message, tone: 'error' })

  return (
    <Flex direction="column" gap="2">
      <Table.Root size="1" variant="surface" className="org-table">
        <caption className="visually-hidden">Recent registers</caption>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>Register</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Data folder</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>
              <span className="visually-hidden">Actions</span>
            </Table.ColumnHeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(registers.data?.recent ?? []).map((entry) => (
            <Table.Row key={entry.dataDir}>
              <Table.RowHeaderCell>
                <Flex gap="2" align="center" wrap="wrap">
                  {entry.organisation ?? entry.name}
                  {entry.sample && (
                    <Badge size="1" color="amber">
                      Sample
                    </Badge>
                  )}
                  {entry.current && (
                    <Badge size="1" color="indigo">
                      Open
                    </Badge>
                  )}
                  {!entry.exists && (
                    <Badge size="1" color="red">
                      Missing
                    </Badge>
                  )}
                </Flex>
              </Table.RowHeaderCell>
              <Table.Cell>
                <Code size="1" variant="ghost" className="path-code">
                  {entry.dataDir}
                </Code>
              </Table.Cell>
              <Table.Cell>
                {!entry.current && entry.exists && (
                  <Button
                    size="1"
                    variant="soft"
                    aria-label={`Open ${entry.organisation ?? entry.name}`}
                    loading={switchTo.isPending && switchTo.variables.dataDir === entry.dataDir}
                    onClick={() => switchTo.mutate({ dataDir: entry.dataDir }, { onError })}
                  >
                    Open
                  </Button>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
      <Flex gap="2" align="center" wrap="wrap">
        {desktop ? (
          <Button size="1" variant="soft" onClick={() => openFolder.mutate(undefined, { onError })}>
            Open another folder…
          </Button>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault()
              if (folder.trim()) openFolder.mutate({ path: folder.trim() }, { onSuccess: () => setFolder(''), onError })
            }}
          >
            <Flex gap="2" align="center">
              <TextField.Root
                size="1"
                aria-label="Folder of another register"
                placeholder="/path/to/another/register"
                value={folder}
                onChange={(event) => setFolder(event.target.value)}
                style={{ width: 280 }}
              />
              <Button size="1" variant="soft" type="submit" disabled={!folder.trim()} loading={openFolder.isPending}>
                Open folder
              </Button>
            </Flex>
          </form>
        )}
        <TrySampleButton />
      </Flex>
      <Text size="1" color="gray">
        A folder without a register gets a new one. The sample organisation always opens in a register of its own
        {registers.data?.sampleDataDir ? ` (${registers.data.sampleDataDir})` : ''}.
      </Text>
    </Flex>
  )
}

import { Button, Code, Flex, Table, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import type { OrganizationalUnit } from '@shared/types'
import { useCommand, useOrganizationalUnits } from '../../api/queries'
import { useToast } from '../../components/Toasts'

/** Organizational units, named by the accounts in them or imported from AWS Organizations; each can be described. */
export function UnitsSection() {
  const units = useOrganizationalUnits()
  const [name, setName] = useState('')
  const save = useCommand('units:update')
  const toast = useToast()
  const list = units.data ?? []
  return (
    <Flex direction="column" gap="2">
      {list.length === 0 ? (
        <Text size="2" color="gray">
          No organizational units yet: give an account its unit, or import list-organizational-units-for-parent.
        </Text>
      ) : (
        <Table.Root size="1" variant="surface" className="org-table">
          <caption className="visually-hidden">Organizational units</caption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Unit</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>AWS id</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Accounts</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Purpose</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {list.map((unit) => (
              <UnitRow key={unit.name} unit={unit} />
            ))}
          </Table.Body>
        </Table.Root>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (!name.trim()) return
          save.mutate(
            { name: name.trim(), purpose: '' },
            {
              onSuccess: (unit) => {
                toast({ title: `Added organizational unit ${unit.name}`, tone: 'success' })
                setName('')
              },
              onError: (error) => toast({ title: 'Not added', description: error.message, tone: 'error' })
            }
          )
        }}
      >
        <Flex gap="2" align="center">
          <TextField.Root
            size="1"
            aria-label="New organizational unit"
            placeholder="New unit, such as Workloads"
            style={{ width: 240 }}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <Button size="1" variant="soft" type="submit" disabled={!name.trim()} loading={save.isPending}>
            Add unit
          </Button>
        </Flex>
      </form>
    </Flex>
  )
}

function UnitRow({ unit }: { unit: OrganizationalUnit }) {
  const [purpose, setPurpose] = useState<string | null>(null)
  const save = useCommand('units:update')
  const toast = useToast()
  const value = purpose ?? unit.purpose
  return (
    <Table.Row>
      <Table.RowHeaderCell>{unit.name}</Table.RowHeaderCell>
      <Table.Cell>{unit.awsId ? <Code size="1">{unit.awsId}</Code> : <Text color="gray">—</Text>}</Table.Cell>
      <Table.Cell>{unit.accounts}</Table.Cell>
      <Table.Cell>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            save.mutate(
              { name: unit.name, purpose: value },
              {
                onSuccess: () => {
                  setPurpose(null)
                  toast({ title: `Saved ${unit.name}`, tone: 'success' })
                },
                onError: (error) => toast({ title: 'Not saved', description: error.message, tone: 'error' })
              }
            )
          }}
        >
          <Flex gap="1">
            <TextField.Root
              size="1"
              aria-label={`Purpose of ${unit.name}`}
              value={value}
              onChange={(event) => setPurpose(event.target.value)}
              style={{ flex: 1 }}
            />
            {purpose !== null && purpose !== unit.purpose && (
              <Button size="1" type="submit" loading={save.isPending}>
                Save
              </Button>
            )}
          </Flex>
        </form>
      </Table.Cell>
    </Table.Row>
  )
}

import { CheckCircledIcon, PlusIcon } from '@radix-ui/react-icons'
import { Button, Flex } from '@radix-ui/themes'
import { useDeferredValue, useMemo, useState } from 'react'
import { useLocation, useParams } from 'wouter'
import type { AwsAccount } from '@shared/types'
import { useAccounts, usePacks } from '../../api/queries'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState, ErrorCallout, Loading } from '../../components/states'
import { useShortcut } from '../../components/use-shortcut'
import { NewPackDialog } from './NewPackDialog'
import { PackDetailPane } from './PackDetailPane'
import { PackTable } from './PackTable'
import { VerifyPackDialog } from './VerifyPackDialog'
import { SearchField } from '../../components/SearchField'

const NO_ACCOUNTS: AwsAccount[] = []

/** Saved pack definitions: readiness, export to a signed PDF and ZIP, copy for next year; and verifying packs. */
export function PacksPage() {
  const params = useParams<{ id?: string }>()
  const [, navigate] = useLocation()
  const packs = usePacks()
  const accounts = useAccounts()
  // The table is made in the background once its rows arrive, so the window keeps answering meanwhile.
  const list = useDeferredValue(packs.data)
  const accountList = useDeferredValue(accounts.data ?? NO_ACCOUNTS)
  const [search, setSearch] = useState('')
  const selectedId = params.id ? decodeURIComponent(params.id) : null
  useShortcut('f', () => document.getElementById('packs-search')?.focus())

  const needle = search.trim().toLowerCase()
  const shown = useMemo(
    () =>
      (list ?? []).filter(
        (pack) =>
          !needle ||
          `${pack.id} ${pack.name} ${pack.auditor} ${pack.organisation} ${pack.frameworks.join(' ')}`
            .toLowerCase()
            .includes(needle)
      ),
    [list, needle]
  )
  const total = list?.length
  const newPack = (
    <NewPackDialog
      trigger={
        <Button size="1">
          <PlusIcon /> New pack
        </Button>
      }
      onCreated={(id) => navigate(`/packs/${id}`)}
    />
  )

  return (
    <div className="page">
      <PageHeader
        title="Packs"
        subtitle={
          total !== undefined
            ? `${needle ? `${shown.length} of ` : ''}${total} pack${total === 1 ? '' : 's'}`
            : undefined
        }
        actions={
          <>
            <VerifyPackDialog
              trigger={
                <Button size="1" variant="soft">
                  <CheckCircledIcon /> Verify a pack…
                </Button>
              }
            />
            {newPack}
          </>
        }
      />
      <Flex className="toolbar" gap="2" align="center" role="search">
        <SearchField
          id="packs-search"
          label="Search packs"
          placeholder="Search packs (Ctrl+F)"
          value={search}
          onChange={setSearch}
          width={220}
        />
      </Flex>
      <div className="split">
        <div className="split-main">
          {packs.isError ? (
            <ErrorCallout error={packs.error} />
          ) : list === undefined ? (
            <Loading label="Loading packs" />
          ) : total === 0 ? (
            <EmptyState title="No packs yet" action={newPack}>
              A pack is what you hand the auditor: one signed PDF with the shared-responsibility matrix, every
              requirement&apos;s controls and evidence, and the evidence files attached, plus a ZIP if they want the
              files in folders. Start one for your next HIPAA, GDPR or PCI DSS audit.
            </EmptyState>
          ) : shown.length === 0 ? (
            <EmptyState
              title="No pack matches this search"
              action={
                <Button size="1" variant="soft" onClick={() => setSearch('')}>
                  Clear search
                </Button>
              }
            />
          ) : (
            <PackTable
              packs={shown}
              accounts={accountList}
              selectedId={selectedId}
              onOpen={(id) => navigate(`/packs/${id}`)}
            />
          )}
        </div>
        {selectedId && <PackDetailPane id={selectedId} onClose={() => navigate('/packs')} />}
      </div>
    </div>
  )
}

import { PlusIcon, UploadIcon } from '@radix-ui/react-icons'
import { useDeferredValue, useState } from 'react'
import { Button } from '@radix-ui/themes'
import { useLocation, useParams } from 'wouter'
import { useAppInfo, useControls } from '../../api/queries'
import { useIntent } from '../../app/intents'
import { useRegisterFilters } from '../../app/register-filters'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState, ErrorCallout, Loading } from '../../components/states'
import { ControlDetailPane } from './ControlDetailPane'
import { ControlFilters } from './ControlFilters'
import { ControlTable } from './ControlTable'
import { NewControlDialog } from './NewControlDialog'
import { ExportMenu } from '../spreadsheets/ExportMenu'
import { ImportControlsDialog } from '../spreadsheets/ImportControlsDialog'

export function RegisterPage() {
  const params = useParams<{ id?: string }>()
  const [, navigate] = useLocation()
  const { filters, setFilters } = useRegisterFilters()
  const controls = useControls(filters)
  // The table is made in the background once its rows arrive, so the window keeps answering meanwhile.
  const rows = useDeferredValue(controls.data)
  const info = useAppInfo()
  const selectedId = params.id ? decodeURIComponent(params.id) : null
  const total = info.data?.counts.controls
  const shown = rows?.length
  const [importing, setImporting] = useState(false)
  useIntent('import-controls', () => setImporting(true))

  return (
    <div className="page">
      <PageHeader
        title="Register"
        subtitle={shown !== undefined && total !== undefined ? `${shown} of ${total} controls` : undefined}
        actions={
          <>
            <Button size="1" variant="soft" onClick={() => setImporting(true)}>
              <UploadIcon /> Import…
            </Button>
            <ExportMenu kinds={['register']} />
            <NewControlDialog
              onCreated={(id) => navigate(`/register/${encodeURIComponent(id)}`)}
              trigger={
                <Button size="1">
                  <PlusIcon /> New control
                </Button>
              }
            />
          </>
        }
      />
      <ImportControlsDialog open={importing} onOpenChange={setImporting} />
      <ControlFilters filters={filters} onChange={setFilters} />
      <div className="split">
        <div className="split-main">
          {controls.isError ? (
            <ErrorCallout error={controls.error} />
          ) : rows === undefined ? (
            <Loading label="Loading controls" />
          ) : rows.length === 0 ? (
            total === 0 ? (
              <EmptyState title="No controls yet">
                Create a control with New control, or load the sample organisation from Settings to try the app.
              </EmptyState>
            ) : (
              <EmptyState
                title="No controls match these filters"
                action={
                  <Button size="1" variant="soft" onClick={() => setFilters({})}>
                    Clear filters
                  </Button>
                }
              >
                Try fewer filters or other search words.
              </EmptyState>
            )
          ) : (
            <ControlTable
              controls={rows}
              selectedId={selectedId}
              onOpen={(id) => navigate(`/register/${encodeURIComponent(id)}`)}
            />
          )}
        </div>
        {selectedId && <ControlDetailPane id={selectedId} onClose={() => navigate('/register')} />}
      </div>
    </div>
  )
}

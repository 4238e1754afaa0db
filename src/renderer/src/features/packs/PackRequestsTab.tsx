import { CheckCircledIcon, Cross2Icon, DownloadIcon, UploadIcon } from '@radix-ui/react-icons'
import {
  Badge,
  Button,
  Callout,
  Code,
  Flex,
  Heading,
  IconButton,
  ScrollArea,
  Select,
  Table,
  Text,
  TextArea
} from '@radix-ui/themes'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import {
  REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  type AuditRequest,
  type RequestExportResult,
  type RequestStatus
} from '@shared/spreadsheets'
import type { PackDefinition } from '@shared/types'
import { ApiError, call, errorMessage } from '../../api/client'
import { useCommand, useControls, usePeople } from '../../api/queries'
import { useRunJob } from '../../app/jobs'
import { confirmLeave } from '../../app/unsaved-changes'
import { ControlLinkList } from '../../components/ControlLinkList'
import { ControlPicker } from '../../components/ControlPicker'
import { Field } from '../../components/Field'
import { FormFooter } from '../../components/FormFooter'
import { EmptyState, ErrorCallout, Loading } from '../../components/states'
import { useToast } from '../../components/Toasts'
import { formatDay } from '../../components/dates'
import { ImportRequestsDialog } from './ImportRequestsDialog'
import { ShowInFolderButton } from './ShowInFolderButton'

const STATUS_COLORS: Record<RequestStatus, 'gray' | 'blue' | 'green' | 'amber' | 'teal'> = {
  open: 'gray',
  'in-progress': 'blue',
  provided: 'teal',
  accepted: 'green',
  'follow-up': 'amber'
}

const NOBODY = '__nobody__'

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="soft">
      {REQUEST_STATUS_LABELS[status]}
    </Badge>
  )
}

const fileName = (path: string): string => path.split(/[\\/]/).at(-1) ?? path

/**
 * The auditor's request list of a pack: each request with its status, assignee and due date
 * (overdue ones say so), answered in place with a response note and the evidence and controls
 * that answer it, and exported as a signed ZIP of responses.
 */
export function PackRequestsTab({ pack }: { pack: PackDefinition }) {
  const requests = useQuery({
    queryKey: ['requests:list', { packId: pack.id }],
    queryFn: () => call('requests:list', { packId: pack.id })
  })
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [importing, setImporting] = useState(false)
  const list = requests.data ?? []
  const selected = list.find((request) => request.id === selectedId) ?? null
  const overdue = list.filter((request) => request.overdue).length
  const open = list.filter((request) => request.status === 'open' || request.status === 'follow-up').length

  const select = (id: string): void => {
    if (id === selectedId) return
    void confirmLeave().then((leave) => leave && setSelectedId(id))
  }

  if (requests.isPending) return <Loading label="Loading the request list" />
  if (requests.isError) return <ErrorCallout error={requests.error} title="Could not load the request list" />

  return (
    <Flex direction="column" gap="4">
      <section aria-label="Request list">
        <Flex align="center" gap="2" wrap="wrap" mb="2">
          <Heading as="h3" size="2" mr="auto">
            Request list
          </Heading>
          <Button size="1" variant="soft" onClick={() => setImporting(true)}>
            <UploadIcon /> Import request list…
          </Button>
        </Flex>
        {list.length === 0 ? (
          <EmptyState
            title="No request list yet"
            action={
              <Button size="2" onClick={() => setImporting(true)}>
                <UploadIcon /> Import request list…
              </Button>
            }
          >
            A request list (also called a PBC or information request list) is what the auditor asks you to provide: one
            row per request, with its id, what it refers to, the details and a due date. Import the CSV or Excel file
            the auditor sent; requests citing a control or requirement are linked to it, with its evidence offered.
            Answer each one here, then export the responses as a signed ZIP.
          </EmptyState>
        ) : (
          <>
            <Text as="p" size="1" color="gray" mb="2" role="status">
              {list.length} request{list.length === 1 ? '' : 's'} · {open} open or awaiting follow-up
              {overdue > 0 ? ` · ${overdue} overdue` : ''}
            </Text>
            <RequestTable requests={list} selectedId={selectedId} onSelect={select} />
          </>
        )}
      </section>
      {selected && <RequestEditor key={editorKey(selected)} packId={pack.id} request={selected} />}
      {list.length > 0 && <ExportResponses pack={pack} requests={list.length} />}
      <ImportRequestsDialog packId={pack.id} open={importing} onOpenChange={setImporting} />
    </Flex>
  )
}

/** The editor starts afresh when the saved request changes (after a save, or a change made elsewhere). */
const editorKey = (request: AuditRequest): string =>
  JSON.stringify([request.id, request.status, request.assignee, request.note, request.evidence, request.controls])

function RequestTable({
  requests,
  selectedId,
  onSelect
}: {
  requests: AuditRequest[]
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  return (
    <ScrollArea type="auto" scrollbars="vertical" style={{ maxHeight: 320 }}>
      <Table.Root size="1" layout="fixed" className="requests-table">
        <caption className="visually-hidden">Requests</caption>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>Request</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell style={{ width: '30%' }}>Status, assignee</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell style={{ width: '26%' }}>Due</Table.ColumnHeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {requests.map((request) => {
            const current = request.id === selectedId
            return (
              <Table.Row
                key={request.id}
                className="request-row"
                data-selected={current || undefined}
                onClick={() => onSelect(request.id)}
              >
                <Table.RowHeaderCell>
                  <Button
                    size="1"
                    variant="ghost"
                    className="request-id"
                    aria-current={current ? 'true' : undefined}
                    aria-label={`Request ${request.id}${request.overdue ? ', overdue' : ''}`}
                    onClick={(event) => {
                      event.stopPropagation()
                      onSelect(request.id)
                    }}
                  >
                    <span className="mono truncate" title={request.id}>
                      {request.id}
                    </span>
                  </Button>
                  <Text as="div" size="1" weight="regular" className="truncate" title={request.details}>
                    {request.details || '—'}
                  </Text>
                  <Text as="div" size="1" weight="regular" color="gray" className="truncate" title={request.reference}>
                    {request.reference || 'No reference'}
                  </Text>
                </Table.RowHeaderCell>
                <Table.Cell>
                  <RequestStatusBadge status={request.status} />
                  <Text as="div" size="1" color="gray" className="truncate" title={request.assignee}>
                    {request.assignee || 'Nobody'}
                  </Text>
                </Table.Cell>
                <Table.Cell>
                  <Text
                    as="div"
                    size="1"
                    color={request.overdue ? 'red' : undefined}
                    weight={request.overdue ? 'bold' : undefined}
                  >
                    {request.dueDate ? formatDay(request.dueDate) : '—'}
                  </Text>
                  {request.overdue && (
                    <Badge color="red" variant="surface">
                      Overdue
                    </Badge>
                  )}
                </Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table.Root>
    </ScrollArea>
  )
}

interface Draft {
  status: RequestStatus
  assignee: string
  note: string
  evidence: string[]
  controls: string[]
}

const draftOf = (request: AuditRequest): Draft => ({
  status: request.status,
  assignee: request.assignee,
  note: request.note,
  evidence: request.evidence,
  controls: request.controls
})

const added = (before: string[], after: string[]): string[] => after.filter((id) => !before.includes(id))
const removed = (before: string[], after: string[]): string[] => before.filter((id) => !after.includes(id))

/** One request, answered: status, assignee, response note, evidence and controls; saved explicitly. */
function RequestEditor({ packId, request }: { packId: string; request: AuditRequest }) {
  const saved = useMemo(() => draftOf(request), [request])
  const [draft, setDraft] = useState<Draft>(saved)
  const [error, setError] = useState<string | null>(null)
  const update = useCommand('requests:update')
  const people = usePeople()
  const controls = useControls({})
  const evidence = useQuery({
    queryKey: ['evidence:list', 'request-picker'],
    queryFn: () => call('evidence:list', { limit: 1000 })
  })
  const toast = useToast()
  const titles = new Map((evidence.data?.items ?? []).map((item) => [item.id, item.title]))
  const patch = {
    ...(draft.status !== saved.status ? { status: draft.status } : {}),
    ...(draft.assignee !== saved.assignee ? { assignee: draft.assignee } : {}),
    ...(draft.note !== saved.note ? { note: draft.note } : {}),
    ...(added(saved.evidence, draft.evidence).length ? { evidence: added(saved.evidence, draft.evidence) } : {}),
    ...(removed(saved.evidence, draft.evidence).length
      ? { unlinkEvidence: removed(saved.evidence, draft.evidence) }
      : {}),
    ...(added(saved.controls, draft.controls).length ? { controls: added(saved.controls, draft.controls) } : {}),
    ...(removed(saved.controls, draft.controls).length
      ? { unlinkControls: removed(saved.controls, draft.controls) }
      : {})
  }
  const dirty = Object.keys(patch).length > 0
  const suggestions = request.suggestedEvidence.filter((id) => !draft.evidence.includes(id))
  const linkedControls = draft.controls.map(
    (id) =>
      (controls.data ?? []).find((control) => control.id === id) ?? {
        id,
        title: '',
        status: 'not-started' as const
      }
  )
  const activePeople = (people.data ?? []).filter((person) => !person.retired || person.name === saved.assignee)

  const save = (): void => {
    if (!dirty || update.isPending) return
    setError(null)
    update
      .mutateAsync({ packId, id: request.id, ...patch })
      .then(() => toast({ title: `Request ${request.id} saved`, tone: 'success' }))
      .catch((saveError: unknown) => setError(errorMessage(saveError)))
  }

  return (
    <section aria-label={`Request ${request.id}`}>
      <Heading as="h3" size="2" mb="1">
        Request <span className="mono">{request.id}</span>
      </Heading>
      <Text as="p" size="2" mb="1">
        {request.details || 'No details given.'}
      </Text>
      <Text as="p" size="1" color="gray" mb="3">
        {request.reference ? `Cites ${request.reference}` : 'Cites no control or requirement'}
        {request.requirements.length ? ` · linked to ${request.requirements.join(', ')}` : ''}
        {request.dueDate ? ` · due ${formatDay(request.dueDate)}` : ''}
        {request.overdue ? ' · overdue' : ''}
      </Text>
      <form
        className="form"
        aria-label={`Answer request ${request.id}`}
        onSubmit={(event) => {
          event.preventDefault()
          save()
        }}
      >
        <Flex gap="3" wrap="wrap">
          <Field label="Status">
            {(id) => (
              <Select.Root
                size="1"
                value={draft.status}
                onValueChange={(value) => setDraft({ ...draft, status: value as RequestStatus })}
              >
                <Select.Trigger id={id} />
                <Select.Content position="popper">
                  {REQUEST_STATUSES.map((status) => (
                    <Select.Item key={status} value={status}>
                      {REQUEST_STATUS_LABELS[status]}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select.Root>
            )}
          </Field>
          <Field label="Assignee">
            {(id) => (
              <Select.Root
                size="1"
                value={draft.assignee || NOBODY}
                onValueChange={(value) => setDraft({ ...draft, assignee: value === NOBODY ? '' : value })}
              >
                <Select.Trigger id={id} />
                <Select.Content position="popper">
                  <Select.Item value={NOBODY}>Nobody</Select.Item>
                  {activePeople.map((person) => (
                    <Select.Item key={person.id} value={person.name}>
                      {person.name}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select.Root>
            )}
          </Field>
        </Flex>
        <Field label="Response note" hint="What the auditor reads in the response PDF and the returned list.">
          {(id) => (
            <TextArea
              id={id}
              size="1"
              rows={3}
              maxLength={10_000}
              value={draft.note}
              onChange={(event) => setDraft({ ...draft, note: event.target.value })}
            />
          )}
        </Field>

        <Flex direction="column" gap="1">
          <Text size="1" weight="medium" id={`evidence-${request.id}`}>
            Evidence ({draft.evidence.length})
          </Text>
          {draft.evidence.length === 0 ? (
            <Text size="1" color="gray">
              No evidence linked yet.
            </Text>
          ) : (
            <ul className="mapping-list" aria-labelledby={`evidence-${request.id}`}>
              {draft.evidence.map((id) => (
                <li key={id}>
                  <span className="mono mapping-ref">{id}</span>
                  <Text size="1" className="truncate" title={titles.get(id)}>
                    {titles.get(id) ?? ''}
                  </Text>
                  <IconButton
                    type="button"
                    size="1"
                    variant="ghost"
                    color="gray"
                    aria-label={`Unlink ${id}`}
                    onClick={() => setDraft({ ...draft, evidence: draft.evidence.filter((other) => other !== id) })}
                  >
                    <Cross2Icon />
                  </IconButton>
                </li>
              ))}
            </ul>
          )}
          {suggestions.length > 0 && (
            <Flex direction="column" gap="1" mt="1" role="group" aria-label="Suggested evidence">
              <Text size="1" color="gray">
                Suggested: evidence in force of the linked controls
              </Text>
              <ul className="mapping-list">
                {suggestions.map((id) => (
                  <li key={id}>
                    <span className="mono mapping-ref">{id}</span>
                    <Text size="1" className="truncate" title={titles.get(id)}>
                      {titles.get(id) ?? ''}
                    </Text>
                    <Button
                      type="button"
                      size="1"
                      variant="soft"
                      aria-label={`Link ${id}`}
                      onClick={() => setDraft({ ...draft, evidence: [...draft.evidence, id] })}
                    >
                      Link
                    </Button>
                  </li>
                ))}
              </ul>
            </Flex>
          )}
          <EvidencePicker
            items={(evidence.data?.items ?? []).filter((item) => !draft.evidence.includes(item.id))}
            onPick={(id) => setDraft({ ...draft, evidence: [...draft.evidence, id] })}
          />
        </Flex>

        <Flex direction="column" gap="1">
          <Text size="1" weight="medium">
            Controls ({draft.controls.length})
          </Text>
          {draft.controls.length === 0 ? (
            <Text size="1" color="gray">
              No control linked.
            </Text>
          ) : (
            <ControlLinkList
              controls={linkedControls}
              label={`Controls of request ${request.id}`}
              action={(control) => (
                <IconButton
                  type="button"
                  size="1"
                  variant="ghost"
                  color="gray"
                  aria-label={`Unlink ${control.id}`}
                  onClick={() =>
                    setDraft({ ...draft, controls: draft.controls.filter((other) => other !== control.id) })
                  }
                >
                  <Cross2Icon />
                </IconButton>
              )}
            />
          )}
          <div>
            <ControlPicker
              label="Link a control…"
              exclude={{ ids: draft.controls }}
              onPick={(id) => setDraft({ ...draft, controls: [...draft.controls, id] })}
            />
          </div>
        </Flex>

        <FormFooter
          dirty={dirty}
          saving={update.isPending}
          error={error}
          saved="Saved"
          onDiscard={() => {
            setDraft(saved)
            setError(null)
          }}
        />
      </form>
    </section>
  )
}

function EvidencePicker({ items, onPick }: { items: { id: string; title: string }[]; onPick: (id: string) => void }) {
  const [value, setValue] = useState<string>('')
  if (items.length === 0) return null
  return (
    <Flex gap="2" align="center" mt="1">
      <Select.Root
        size="1"
        value={value}
        onValueChange={(id) => {
          setValue('')
          onPick(id)
        }}
      >
        <Select.Trigger placeholder="Link other evidence…" aria-label="Link other evidence" />
        <Select.Content position="popper">
          {items.map((item) => (
            <Select.Item key={item.id} value={item.id}>
              {item.id} {item.title}
            </Select.Item>
          ))}
        </Select.Content>
      </Select.Root>
    </Flex>
  )
}

/** Export the responses: progress and Cancel in the jobs panel; the result, or what went wrong and what to do. */
function ExportResponses({ pack, requests }: { pack: PackDefinition; requests: number }) {
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<RequestExportResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const run = useRunJob()
  const toast = useToast()

  const exportResponses = async (): Promise<void> => {
    setRunning(true)
    setError(null)
    setResult(null)
    try {
      const exported = await run('export', `Exporting the responses of ${pack.name}`, (jobId) =>
        call('requests:export', { packId: pack.id, jobId })
      )
      setResult(exported)
      toast({
        title: 'Responses exported',
        description: `${exported.requests} requests, ${exported.evidenceFiles} evidence files`,
        tone: 'success'
      })
    } catch (exportError) {
      if (exportError instanceof ApiError && exportError.code === 'CANCELLED') {
        toast({ title: 'Export cancelled', description: 'No file was written.', tone: 'info' })
      } else setError(errorMessage(exportError))
    } finally {
      setRunning(false)
    }
  }

  return (
    <section aria-label="Export the responses">
      <Heading as="h3" size="2" mb="1">
        Export the responses
      </Heading>
      <Text as="p" size="1" color="gray" mb="2">
        A ZIP for the auditor: a folder per request with its evidence files and a response PDF, the list back as an
        Excel workbook with the status, response and evidence filled in, signed like a pack (the auditor checks it with
        Verify a pack).
      </Text>
      <Button size="2" onClick={() => void exportResponses()} loading={running} disabled={running}>
        <DownloadIcon /> Export responses…
      </Button>
      {running && (
        <Text as="p" size="1" color="gray" mt="1" role="status">
          Exporting {requests} requests… progress is shown in the jobs panel.
        </Text>
      )}
      {error && (
        <Callout.Root color="red" size="1" role="alert" mt="2">
          <Callout.Text>The responses were not exported; no file was written. {error}</Callout.Text>
        </Callout.Root>
      )}
      {result && (
        <Callout.Root color="green" size="1" role="status" aria-label="Responses exported" mt="2">
          <Callout.Icon>
            <CheckCircledIcon />
          </Callout.Icon>
          <Flex direction="column" gap="1" style={{ minWidth: 0 }}>
            <Text size="2" weight="medium">
              Exported {result.requests} requests and {result.evidenceFiles} evidence files.
            </Text>
            <Text size="1" className="truncate" title={result.path}>
              {fileName(result.path)}
            </Text>
            <Code size="1" className="hash">
              {result.sha256}
            </Code>
            <ShowInFolderButton path={result.path} />
          </Flex>
        </Callout.Root>
      )}
    </section>
  )
}

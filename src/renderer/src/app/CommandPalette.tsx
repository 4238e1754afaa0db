import { PlusIcon, UploadIcon } from '@radix-ui/react-icons'
import { Dialog, Text, VisuallyHidden } from '@radix-ui/themes'
import { Command } from 'cmdk'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useNavigate } from './unsaved-changes'
import type { SearchHit } from '@shared/types'
import { useGlobalSearch } from '../api/queries'
import { useShortName } from '../api/framework-names'
import { focusArrival } from '../components/DetailPane'
import { useShortcut } from '../components/use-shortcut'
import { requestIntent, type Intent } from './intents'
import { rankPalette, type PaletteEntry } from './palette-ranking'
import { NAV_ITEMS } from './Sidebar'

const OPEN_EVENT = 'evidence-desk:command-palette'

export function openCommandPalette(): void {
  window.dispatchEvent(new Event(OPEN_EVENT))
}

/** An entry and what choosing it does. */
type Action = { go: string; section?: string } | { go: string; intent: Intent }

const COMMANDS: { label: string; keywords: string; go: string; intent: Intent; icon: ReactNode }[] = [
  {
    label: 'New control',
    keywords: 'add create control register',
    go: '/register',
    intent: 'new-control',
    icon: <PlusIcon />
  },
  {
    label: 'Import controls',
    keywords: 'import spreadsheet csv xlsx excel controls register upload',
    go: '/register',
    intent: 'import-controls',
    icon: <UploadIcon />
  },
  { label: 'New pack', keywords: 'add create pack audit export', go: '/packs', intent: 'new-pack', icon: <PlusIcon /> },
  {
    label: 'Attach evidence',
    keywords: 'add import upload file evidence vault',
    go: '/evidence',
    intent: 'attach-evidence',
    icon: <UploadIcon />
  }
]

/** Sections of Settings, found by the heading they carry on that page. */
const SETTINGS: { label: string; keywords: string }[] = [
  { label: 'Appearance', keywords: 'theme dark light mode colour' },
  { label: 'Audit period', keywords: 'period year dates' },
  { label: 'Evidence freshness', keywords: 'review expiring days warning' },
  { label: 'Backups', keywords: 'backup restore copy' },
  { label: 'Register', keywords: 'data folder organisation name' },
  { label: 'AWS accounts', keywords: 'account organizational unit ou' },
  { label: 'Sample organisation', keywords: 'sample demo try' }
]

/** Ctrl/Cmd+K: jump to any page, control, requirement, evidence, pack or setting, or run a command. */
export function CommandPalette() {
  const shortName = useShortName()
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  // Not useLocation: the palette has no need to render again each time the page changes.
  const navigate = useNavigate()
  const search = useGlobalSearch(text)
  const chosen = useRef<Action | null>(null)
  useShortcut('k', () => setOpen((current) => !current))
  useEffect(() => {
    const listener = (): void => setOpen(true)
    window.addEventListener(OPEN_EVENT, listener)
    return () => window.removeEventListener(OPEN_EVENT, listener)
  }, [])

  const { entries, actions, icons } = useMemo(() => {
    const entries: PaletteEntry[] = []
    const actions = new Map<string, Action>()
    const icons = new Map<string, ReactNode>()
    const add = (entry: PaletteEntry, action: Action, icon?: ReactNode): void => {
      entries.push(entry)
      actions.set(entry.key, action)
      if (icon) icons.set(entry.key, icon)
    }
    for (const command of COMMANDS) {
      add(
        { kind: 'command', key: `command:${command.intent}`, label: command.label, keywords: command.keywords },
        { go: command.go, intent: command.intent },
        command.icon
      )
    }
    for (const item of NAV_ITEMS)
      add({ kind: 'page', key: `page:${item.to}`, label: item.label }, { go: item.to }, item.icon)
    add({ kind: 'page', key: 'page:/settings', label: 'Settings' }, { go: '/settings' })
    for (const setting of SETTINGS) {
      add(
        {
          kind: 'setting',
          key: `setting:${setting.label}`,
          label: setting.label,
          keywords: `settings ${setting.keywords}`
        },
        { go: '/settings', section: setting.label }
      )
    }
    for (const hit of search.data ?? []) add(hitEntry(hit, shortName), { go: hitPath(hit) })
    return { entries, actions, icons }
  }, [search.data, shortName])

  const groups = useMemo(() => rankPalette(entries, text), [entries, text])

  const choose = (key: string): void => {
    const action = actions.get(key)
    if (!action) return
    chosen.current = action
    setOpen(false)
    setText('')
    navigate(action.go)
    if ('intent' in action) requestIntent(action.intent)
    else if (action.section) revealSection(action.section)
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) setText('')
      }}
    >
      <Dialog.Content
        className="palette"
        align="start"
        maxWidth="640px"
        aria-describedby={undefined}
        onCloseAutoFocus={(event) => {
          // Focus goes where the user went (a dialog a command opened takes it itself), not back to the page left.
          const action = chosen.current
          chosen.current = null
          if (!action) return
          event.preventDefault()
          if (!('intent' in action) && !action.section) focusArrival()
        }}
      >
        <VisuallyHidden>
          <Dialog.Title>Go to anything</Dialog.Title>
        </VisuallyHidden>
        <Command label="Go to anything" shouldFilter={false} loop>
          <Command.Input
            value={text}
            onValueChange={setText}
            placeholder="Type a requirement, control or evidence id, a pack, a page or a command…"
            autoFocus
          />
          <Command.List>
            <Command.Empty>{search.isFetching ? 'Searching…' : 'Nothing found.'}</Command.Empty>
            {groups.map((group) => (
              <Command.Group key={group.kind} heading={group.heading}>
                {group.entries.map((entry) => (
                  <Command.Item key={entry.key} value={entry.key} onSelect={() => choose(entry.key)}>
                    {icons.get(entry.key)}
                    {entry.identifier && (
                      <span className="mono palette-id">{entry.aliases?.[0] ?? entry.identifier}</span>
                    )}
                    <span className="truncate">{entry.label}</span>
                    {entry.keywords && entry.kind !== 'setting' && entry.kind !== 'command' && (
                      <Text size="1" color="gray" className="truncate palette-detail">
                        {entry.keywords}
                      </Text>
                    )}
                  </Command.Item>
                ))}
              </Command.Group>
            ))}
          </Command.List>
        </Command>
      </Dialog.Content>
    </Dialog.Root>
  )
}

function hitEntry(hit: SearchHit, shortName: (framework: NonNullable<SearchHit['framework']>) => string): PaletteEntry {
  switch (hit.kind) {
    case 'requirement': {
      const framework = hit.framework ? shortName(hit.framework) : ''
      return {
        kind: 'requirement',
        key: `requirement:${hit.framework}:${hit.id}`,
        identifier: hit.id,
        aliases: [`${framework} ${hit.id}`],
        label: hit.title,
        fromSearch: true
      }
    }
    case 'evidence':
      return {
        kind: 'evidence',
        key: `evidence:${hit.id}`,
        identifier: hit.id,
        label: hit.title,
        keywords: hit.detail,
        fromSearch: true
      }
    case 'pack':
      return { kind: 'pack', key: `pack:${hit.id}`, identifier: hit.id, label: hit.title, fromSearch: true }
    default:
      return { kind: 'control', key: `control:${hit.id}`, identifier: hit.id, label: hit.title, fromSearch: true }
  }
}

function hitPath(hit: SearchHit): string {
  const id = encodeURIComponent(hit.id)
  switch (hit.kind) {
    case 'requirement':
      return `/frameworks/${hit.framework}/${id}`
    case 'evidence':
      return `/evidence/${id}`
    case 'pack':
      return `/packs/${id}`
    default:
      return `/register/${id}`
  }
}

/** Scrolls Settings to the section with this heading once the page shows it, and moves focus there. */
function revealSection(heading: string): void {
  let tries = 0
  const attempt = (): void => {
    const target = [...document.querySelectorAll<HTMLElement>('main h2')].find(
      (element) => element.textContent?.trim() === heading
    )
    if (target) {
      target.tabIndex = -1
      target.scrollIntoView({ block: 'start' })
      target.focus()
    } else if (++tries < 40) window.setTimeout(attempt, 50)
  }
  window.setTimeout(attempt, 0)
}

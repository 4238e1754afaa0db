import { Command } from 'cmdk'
import { useEffect, useState } from 'react'
import { useLocation } from 'wouter'
import { useGlobalSearch } from '../api/queries'
import { useShortName } from '../api/framework-names'
import { useShortcut } from '../components/use-shortcut'
import { NAV_ITEMS } from './Sidebar'

const OPEN_EVENT = 'evidence-desk:command-palette'

export function openCommandPalette(): void {
  window.dispatchEvent(new Event(OPEN_EVENT))
}

/** Ctrl/Cmd+K: jump to any page, control or requirement by id or words. */
export function CommandPalette() {
  const shortName = useShortName()
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [, navigate] = useLocation()
  const search = useGlobalSearch(text)
  useShortcut('k', () => setOpen((current) => !current))
  useEffect(() => {
    const listener = (): void => setOpen(true)
    window.addEventListener(OPEN_EVENT, listener)
    return () => window.removeEventListener(OPEN_EVENT, listener)
  }, [])

  const go = (path: string): void => {
    setOpen(false)
    setText('')
    navigate(path)
  }
  const needle = text.trim().toLowerCase()
  const pages = NAV_ITEMS.filter((item) => !needle || item.label.toLowerCase().includes(needle))
  const hits = search.data ?? []

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Go to anything"
      shouldFilter={false}
      overlayClassName="palette-overlay"
      contentClassName="palette"
    >
      <Command.Input value={text} onValueChange={setText} placeholder="Type a control id, requirement or words…" />
      <Command.List>
        <Command.Empty>{search.isFetching ? 'Searching…' : 'Nothing found.'}</Command.Empty>
        {pages.length > 0 && (
          <Command.Group heading="Pages">
            {pages.map((item) => (
              <Command.Item key={item.to} value={`page ${item.to}`} onSelect={() => go(item.to)}>
                {item.icon} {item.label}
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {hits.some((hit) => hit.kind === 'control') && (
          <Command.Group heading="Controls">
            {hits
              .filter((hit) => hit.kind === 'control')
              .map((hit) => (
                <Command.Item key={hit.id} value={`control ${hit.id}`} onSelect={() => go(`/register/${hit.id}`)}>
                  <span className="mono">{hit.id}</span> {hit.title}
                </Command.Item>
              ))}
          </Command.Group>
        )}
        {hits.some((hit) => hit.kind === 'requirement') && (
          <Command.Group heading="Requirements">
            {hits
              .filter((hit) => hit.kind === 'requirement' && hit.framework)
              .map((hit) => (
                <Command.Item
                  key={`${hit.framework}:${hit.id}`}
                  value={`requirement ${hit.framework} ${hit.id}`}
                  onSelect={() => go(`/frameworks/${hit.framework}/${encodeURIComponent(hit.id)}`)}
                >
                  <span className="mono">
                    {shortName(hit.framework!)} {hit.id}
                  </span>{' '}
                  {hit.title}
                </Command.Item>
              ))}
          </Command.Group>
        )}
      </Command.List>
    </Command.Dialog>
  )
}

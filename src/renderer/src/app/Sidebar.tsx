import {
  ArchiveIcon,
  ColumnsIcon,
  CounterClockwiseClockIcon,
  DashboardIcon,
  FileTextIcon,
  GearIcon,
  LayersIcon,
  MagnifyingGlassIcon,
  TableIcon
} from '@radix-ui/react-icons'
import { Flex, Kbd, Text } from '@radix-ui/themes'
import type { ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import { useAppInfo } from '../api/queries'
import { openCommandPalette } from './CommandPalette'

interface NavItem {
  to: string
  label: string
  icon: ReactNode
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/dashboard', label: 'Dashboard', icon: <DashboardIcon /> },
  { to: '/register', label: 'Register', icon: <TableIcon /> },
  { to: '/frameworks', label: 'Frameworks', icon: <LayersIcon /> },
  { to: '/responsibility', label: 'Responsibility', icon: <ColumnsIcon /> },
  { to: '/evidence', label: 'Evidence', icon: <FileTextIcon /> },
  { to: '/packs', label: 'Packs', icon: <ArchiveIcon /> },
  { to: '/audit', label: 'Audit log', icon: <CounterClockwiseClockIcon /> }
]

export function Sidebar() {
  const [location] = useLocation()
  const info = useAppInfo()
  const isCurrent = (to: string): boolean => location === to || location.startsWith(`${to}/`)

  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar-brand">
        <Text weight="bold" size="3">
          Evidence Desk
        </Text>
      </div>
      <button type="button" className="sidebar-search" onClick={openCommandPalette}>
        <MagnifyingGlassIcon />
        <span>Go to…</span>
        <Kbd size="1">Ctrl K</Kbd>
      </button>
      <ul className="sidebar-list">
        {NAV_ITEMS.map((item) => (
          <li key={item.to}>
            <Link href={item.to} className="sidebar-link" aria-current={isCurrent(item.to) ? 'page' : undefined}>
              {item.icon}
              <span>{item.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="sidebar-footer">
        <Link href="/settings" className="sidebar-link" aria-current={isCurrent('/settings') ? 'page' : undefined}>
          <GearIcon />
          <span>Settings</span>
        </Link>
        {info.data && (
          <Flex direction="column" gap="1" className="sidebar-register" title={info.data.registerPath}>
            <Text size="1" weight="medium" truncate>
              {info.data.registerName}
            </Text>
            <Text size="1" color="gray" truncate>
              {info.data.dataDir}
            </Text>
          </Flex>
        )}
      </div>
    </nav>
  )
}

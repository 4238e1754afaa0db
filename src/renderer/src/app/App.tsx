import { Theme } from '@radix-ui/themes'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { Redirect, Route, Router, Switch, useLocation } from 'wouter'
import { onEvent } from '../api/client'
import { refreshAll, useAppInfo, useOrganisation } from '../api/queries'
import { ToastProvider } from '../components/Toasts'
import { AuditLogPage } from '../features/audit/AuditLogPage'
import { DashboardPage } from '../features/dashboard/DashboardPage'
import { EvidencePage } from '../features/evidence/EvidencePage'
import { FrameworksPage } from '../features/frameworks/FrameworksPage'
import { PacksPage } from '../features/packs/PacksPage'
import { RegisterPage } from '../features/register/RegisterPage'
import { ResponsibilityPage } from '../features/responsibility/ResponsibilityPage'
import { SettingsPage } from '../features/settings/SettingsPage'
import { SetUpPage } from '../features/organisation/SetUpPage'
import { SampleBanner } from '../features/registers/SampleBanner'
import { AddAccountRequestProvider } from '../features/organisation/add-account-request'
import { CommandPalette } from './CommandPalette'
import { JobsProvider } from './jobs'
import { RegisterFiltersProvider } from './register-filters'
import { Sidebar } from './Sidebar'
import { UnsavedChangesPrompt, useGuardedHashLocation } from './unsaved-changes'
import { useAppearance } from './theme'
import { WindowDropZone } from './WindowDropZone'

export function App() {
  const { appearance } = useAppearance()
  const client = useQueryClient()
  const info = useAppInfo()

  // Changes made elsewhere (another view, the command line through the same register) refresh what is shown.
  useEffect(() => onEvent('register:changed', () => void refreshAll(client)), [client])
  useEffect(() => {
    if (info.data) document.title = `${info.data.registerName} — Evidence Desk`
  }, [info.data])

  return (
    <Theme appearance={appearance} accentColor="indigo" grayColor="slate" radius="small" scaling="95%">
      <ToastProvider>
        <AddAccountRequestProvider>
          <JobsProvider>
            <RegisterFiltersProvider>
              <Router hook={useGuardedHashLocation}>
                <div className="app-shell">
                  <Sidebar />
                  <main className="app-main" id="main">
                    <SampleBanner />
                    <Pages />
                  </main>
                </div>
                <CommandPalette />
                <WindowDropZone />
                <UnsavedChangesPrompt />
              </Router>
            </RegisterFiltersProvider>
          </JobsProvider>
        </AddAccountRequestProvider>
      </ToastProvider>
    </Theme>
  )
}

/**
 * The page for the location, shown as soon as it is chosen (keys typed meanwhile reach the new page). Made again only
 * when the location changes, not whenever the shell around it renders.
 */
function Pages() {
  const [location] = useLocation()
  return useMemo(
    () => (
      <Switch location={location}>
        <Route path="/setup">
          <SetUpPage />
        </Route>
        <Route path="/dashboard">
          <DashboardPage />
        </Route>
        <Route path="/register/:id?">
          <RegisterPage />
        </Route>
        <Route path="/frameworks/:framework?/:ref?">
          <FrameworksPage />
        </Route>
        <Route path="/evidence/:id?">
          <EvidencePage />
        </Route>
        <Route path="/packs/:id?">
          <PacksPage />
        </Route>
        <Route path="/responsibility">
          <ResponsibilityPage />
        </Route>
        <Route path="/audit">
          <AuditLogPage />
        </Route>
        <Route path="/settings">
          <SettingsPage />
        </Route>
        <Route>
          <HomeRedirect />
        </Route>
      </Switch>
    ),
    [location]
  )
}

/** A register not yet set up (and not the sample) opens on the set-up; every other on the dashboard. */
function HomeRedirect() {
  const organisation = useOrganisation()
  if (organisation.isPending) return null
  const setUp = organisation.data ? organisation.data.setUpDone || organisation.data.sample : true
  return <Redirect to={setUp ? '/dashboard' : '/setup'} />
}

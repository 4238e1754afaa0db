import { Theme } from '@radix-ui/themes'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Redirect, Route, Router, Switch } from 'wouter'
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
                    <Switch>
                      <Route path="/setup" component={SetUpPage} />
                      <Route path="/dashboard" component={DashboardPage} />
                      <Route path="/register/:id?" component={RegisterPage} />
                      <Route path="/frameworks/:framework?/:ref?" component={FrameworksPage} />
                      <Route path="/evidence/:id?" component={EvidencePage} />
                      <Route path="/packs/:id?" component={PacksPage} />
                      <Route path="/responsibility" component={ResponsibilityPage} />
                      <Route path="/audit" component={AuditLogPage} />
                      <Route path="/settings" component={SettingsPage} />
                      <Route>
                        <HomeRedirect />
                      </Route>
                    </Switch>
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

/** A register not yet set up (and not the sample) opens on the set-up; every other on the dashboard. */
function HomeRedirect() {
  const organisation = useOrganisation()
  if (organisation.isPending) return null
  const setUp = organisation.data ? organisation.data.setUpDone || organisation.data.sample : true
  return <Redirect to={setUp ? '/dashboard' : '/setup'} />
}

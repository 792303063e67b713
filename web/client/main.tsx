// The web app: one page per path under /app/, for the signed-in user's role. The sign-in page is the
// only one reachable without a session.
import type { JSX } from 'preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useIndonesianValidationMessages } from '../../shared/zodLocale';
import { useAgencyZone } from './format';
import { CalendarPage } from './pages/calendar';
import { CapacityPage } from './pages/capacity';
import { CasePage } from './pages/casePage';
import { ComplianceReportPage } from './pages/complianceReport';
import { InboxPage } from './pages/inbox';
import { NewRequestPage } from './pages/newRequest';
import { PlacementPage, PlacementsPage } from './pages/placements';
import { ProfilesPage } from './pages/profiles';
import { RequestsPage } from './pages/requests';
import { ReviewsPage } from './pages/reviews';
import { SignInPage } from './pages/signIn';
import { UsersPage } from './pages/users';
import { BASE, match, navigate, useLocation } from './router';
import { loadService, type Service } from './service';
import { loadSession, rememberPageBeforeSignIn, type SessionUser } from './session';
import { App, ErrorBox, Layout, Loading } from './ui';

const pages: [string, (params: Record<string, string>) => JSX.Element][] = [
  [`${BASE}/permohonan/baru`, () => <NewRequestPage />],
  [`${BASE}/permohonan/:no`, (p) => <CasePage requestNumber={p.no!} />],
  [`${BASE}/permohonan`, () => <RequestsPage />],
  [`${BASE}/tugas`, () => <InboxPage />],
  [`${BASE}/kapasitas`, () => <CapacityPage />],
  [`${BASE}/penempatan/:no`, (p) => <PlacementPage placementNumber={p.no!} />],
  [`${BASE}/penempatan`, () => <PlacementsPage />],
  [`${BASE}/tinjauan`, () => <ReviewsPage />],
  [`${BASE}/laporan`, () => <ComplianceReportPage />],
  [`${BASE}/profil`, () => <ProfilesPage />],
  [`${BASE}/admin/pengguna`, () => <UsersPage />],
  [`${BASE}/admin/kalender`, () => <CalendarPage />],
];

/** Where a role starts: applicants with their requests, staff with their inbox. */
const homeOf = (user: SessionUser): string => (user.role === 'applicant' ? `${BASE}/permohonan` : user.role === 'admin' ? `${BASE}/kapasitas` : `${BASE}/tugas`);

function Root(): JSX.Element {
  const url = useLocation();
  const [state, setState] = useState<{ user: SessionUser | null; service: Service } | { error: unknown } | undefined>();
  const signingIn = url.pathname.startsWith(`${BASE}/masuk`);

  useEffect(() => {
    Promise.all([loadSession(), loadService()]).then(
      ([user, service]) => {
        useAgencyZone(service.timeZone);
        setState({ user, service });
      },
      (error: unknown) => setState({ error }),
    );
  }, []);

  if (signingIn) return <SignInPage />;
  if (!state) return <Loading />;
  if ('error' in state) return <ErrorBox error={state.error} />;
  if (!state.user) {
    rememberPageBeforeSignIn(url.pathname + url.search);
    navigate(`${BASE}/masuk`, true);
    return <SignInPage />;
  }
  const app = { user: state.user, service: state.service };
  const path = url.pathname.replace(/\/$/, '');
  if (path === BASE || path === '') {
    navigate(homeOf(state.user), true);
    return <Loading />;
  }
  for (const [pattern, page] of pages) {
    const params = match(pattern, path);
    if (params) return <App.Provider value={app}>{page(params)}</App.Provider>;
  }
  return (
    <App.Provider value={app}>
      <Layout current="">
        <h1>Halaman tidak ditemukan</h1>
        <p>Alamat {url.pathname} tidak dikenal.</p>
      </Layout>
    </App.Provider>
  );
}

useIndonesianValidationMessages();
render(<Root />, document.getElementById('app')!);

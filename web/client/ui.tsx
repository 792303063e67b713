// The frame every page shares (header, navigation by role) and the small pieces pages are built of.
import type { ComponentChildren, JSX } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { ApiFailure } from './api';
import { BASE, Link, navigate } from './router';
import type { Service } from './service';
import { roleTitle } from './service';
import { rememberPageBeforeSignIn, signOut, type SessionUser } from './session';

export interface AppContext {
  user: SessionUser;
  service: Service;
}

export const App = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const app = useContext(App);
  if (!app) throw new Error('useApp outside a signed-in page');
  return app;
}

export const isStaff = (role: string): boolean => role !== 'applicant';

interface NavItem {
  href: string;
  label: string;
}

function navFor(role: string): NavItem[] {
  if (role === 'applicant') {
    return [
      { href: `${BASE}/permohonan`, label: 'Permohonan saya' },
      { href: `${BASE}/permohonan/baru`, label: 'Ajukan permohonan' },
      { href: `${BASE}/tugas`, label: 'Tugas saya' },
      { href: `${BASE}/penempatan`, label: 'Server saya' },
    ];
  }
  const items: NavItem[] = [
    { href: `${BASE}/tugas`, label: 'Kotak tugas' },
    { href: `${BASE}/permohonan`, label: 'Permohonan' },
    { href: `${BASE}/kapasitas`, label: 'Kapasitas' },
    { href: `${BASE}/penempatan`, label: 'Penempatan' },
    { href: `${BASE}/tinjauan`, label: 'Tinjauan register' },
    { href: `${BASE}/laporan`, label: 'Laporan SOP' },
    { href: `${BASE}/profil`, label: 'Profil SOP' },
  ];
  if (role === 'admin') items.push({ href: `${BASE}/admin/pengguna`, label: 'Pengguna & token' }, { href: `${BASE}/admin/kalender`, label: 'Kalender kerja' });
  return items;
}

export function Layout({ current, children }: { current: string; children: ComponentChildren }): JSX.Element {
  const { user, service } = useApp();
  const [open, setOpen] = useState(false);
  const leave = async (): Promise<void> => {
    await signOut().catch(() => undefined);
    location.assign(`${BASE}/masuk`);
  };
  return (
    <div class="frame">
      <a class="skip" href="#isi">
        Lewati ke isi
      </a>
      <header class="top">
        <div class="brand">
          <strong>Kolokasi</strong>
          <span>{service.agency}</span>
        </div>
        <button type="button" class="menu-toggle" aria-expanded={open} aria-controls="nav" onClick={() => setOpen(!open)}>
          Menu
        </button>
        <nav id="nav" class={open ? 'open' : ''} aria-label="Navigasi utama">
          {navFor(user.role).map((item) => (
            <Link key={item.href} href={item.href} aria-current={current === item.href ? 'page' : undefined} onClick={() => setOpen(false)}>
              {item.label}
            </Link>
          ))}
        </nav>
        <div class="who">
          <span data-testid="signed-in-as">
            {user.name} · {roleTitle(service, user.role)}
            {user.unitName ? ` · ${user.unitName}` : ''}
          </span>
          <button type="button" class="link" onClick={() => void leave()}>
            Keluar
          </button>
        </div>
      </header>
      <main id="isi" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

const UNEXPECTED = 'Terjadi kesalahan tak terduga. Muat ulang halaman.';

/** Sends what a form holds: busy while it goes, and the API's refusal (with its field messages) if one comes back. */
export function useSend<T>(action: (value: T) => Promise<unknown>): { busy: boolean; failure?: ApiFailure; send: (value: T) => void } {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const send = (value: T): void => {
    setBusy(true);
    setFailure(undefined);
    action(value).then(
      () => setBusy(false),
      (error: unknown) => {
        setFailure(error instanceof ApiFailure ? error : new ApiFailure(0, 'UNEXPECTED', UNEXPECTED));
        setBusy(false);
      },
    );
  };
  return { busy, failure, send };
}

export function ErrorBox({ error }: { error: unknown }): JSX.Element | null {
  if (!error) return null;
  const message = error instanceof ApiFailure ? error.message : UNEXPECTED;
  return (
    <div class="alert error" role="alert">
      {message}
    </div>
  );
}

export function Loading(): JSX.Element {
  return (
    <p class="muted" aria-live="polite">
      Memuat…
    </p>
  );
}

/** Loads once per key; `reload` fetches again (after a decision, say). */
export function useLoad<T>(load: () => Promise<T>, key: string): { data?: T; error?: unknown; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data }),
      (error: unknown) => {
        if (error instanceof ApiFailure && error.status === 401) {
          rememberPageBeforeSignIn(location.pathname + location.search);
          return navigate(`${BASE}/masuk`, true);
        }
        if (live) setState({ error });
      },
    );
    return () => {
      live = false;
    };
  }, [key, round]); // `key` names what is loaded; `load` changes identity on every render
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

export type SlaState = 'onTime' | 'overdue' | 'breached' | 'noStandard' | 'running' | string;

const slaTexts: Record<string, { text: string; tone: string }> = {
  onTime: { text: 'Tepat waktu', tone: 'ok' },
  running: { text: 'Berjalan', tone: 'info' },
  overdue: { text: 'Terlambat', tone: 'bad' },
  breached: { text: 'Melewati mutu baku', tone: 'bad' },
  noStandard: { text: 'Tanpa mutu baku', tone: 'muted' },
};

export function SlaBadge({ state }: { state: SlaState }): JSX.Element {
  const known = slaTexts[state] ?? { text: state, tone: 'muted' };
  return <span class={`badge ${known.tone}`}>{known.text}</span>;
}

export function StatusBadge({ status, text }: { status: string; text: string }): JSX.Element {
  const tone = status === 'inProgress' ? 'info' : status === 'completed' ? 'ok' : 'muted';
  return <span class={`badge ${tone}`}>{text}</span>;
}

/** Tables scroll inside their box on a phone, never the whole page. */
export function TableBox({ children, label }: { children: ComponentChildren; label: string }): JSX.Element {
  return (
    <div class="table-box" role="region" aria-label={label} tabIndex={0}>
      <table>{children}</table>
    </div>
  );
}

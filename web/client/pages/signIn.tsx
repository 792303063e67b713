// Sign-in without a password: the user asks for a one-time link to their registered address, and the
// link (whose token travels in the URL fragment, never to a server log) opens a session here. The
// link is confirmed with a button, so a mail scanner that merely opens it cannot spend it.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiFailure } from '../api';
import { BASE } from '../router';
import { pageAfterSignIn, signInWithLink } from '../session';

interface AuthOptions {
  emailLink: boolean;
  oidc: { loginUrl: string } | null;
}

const oidcErrors: Record<string, string> = {
  USER_UNKNOWN: 'Akun SSO Anda belum terdaftar atau tidak aktif di Kolokasi. Hubungi admin.',
  EMAIL_UNVERIFIED: 'Alamat email akun SSO Anda belum terverifikasi oleh penyedia SSO.',
  EMAIL_MISSING: 'Penyedia SSO tidak memberikan alamat email Anda.',
  OIDC_STATE_INVALID: 'Proses masuk SSO kedaluwarsa atau dibuka di tab lain. Coba lagi.',
  OIDC_FAILED: 'Penyedia SSO menolak atau gagal memproses permintaan masuk. Coba lagi.',
};

function linkToken(): string | undefined {
  const fragment = new URLSearchParams(location.hash.slice(1));
  return fragment.get('token') ?? undefined;
}

export function SignInPage(): JSX.Element {
  const [token, setToken] = useState(linkToken);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>(() => {
    const code = new URLSearchParams(location.search).get('galat');
    return code ? (oidcErrors[code] ?? 'Masuk dengan SSO gagal. Coba lagi atau masuk dengan tautan email.') : undefined;
  });
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<AuthOptions | undefined>();

  useEffect(() => {
    // A link opened in a tab already on this page changes only the fragment.
    const onHash = (): void => setToken(linkToken());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    api<AuthOptions>('GET', '/auth/options').then(setOptions, () => setOptions({ emailLink: true, oidc: null }));
  }, []);

  const requestLink = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) {
      setError('Tulis alamat email yang terdaftar, mis. nama@dinas.go.id.');
      return;
    }
    setBusy(true);
    try {
      const answer = await api<{ message: string }>('POST', '/auth/email-link', { email: email.trim() });
      setSent(answer.message);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? (failure.fields.email ?? failure.message) : 'Gagal mengirim tautan.');
    } finally {
      setBusy(false);
    }
  };

  const useLink = async (): Promise<void> => {
    if (!token) return;
    setBusy(true);
    setError(undefined);
    try {
      await signInWithLink(token);
      location.replace(pageAfterSignIn(`${BASE}/`));
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : 'Gagal masuk.');
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" id="isi">
      <h1>Kolokasi</h1>
      <p class="muted">Layanan co-location server dan hosting aplikasi</p>
      {error && (
        <div class="alert error" role="alert">
          {error}
        </div>
      )}
      {token ? (
        <section>
          <h2>Masuk dengan tautan</h2>
          <p>Tautan masuk Anda siap dipakai. Tautan hanya berlaku sekali.</p>
          <button type="button" onClick={() => void useLink()} disabled={busy}>
            {busy ? 'Memproses…' : 'Masuk sekarang'}
          </button>
          <p>
            <a href={`${BASE}/masuk`}>Minta tautan baru</a>
          </p>
        </section>
      ) : sent ? (
        <section>
          <h2>Periksa email Anda</h2>
          <p role="status">{sent}</p>
          <button type="button" class="secondary" onClick={() => setSent(undefined)}>
            Kirim ke alamat lain
          </button>
        </section>
      ) : (
        <section>
          <h2>Masuk</h2>
          <form onSubmit={(e) => void requestLink(e)} noValidate>
            <div class="field">
              <label for="email">Email terdaftar</label>
              <input id="email" type="email" autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} required />
              <small class="hint">Kami kirimkan tautan masuk sekali pakai, berlaku 15 menit.</small>
            </div>
            <button type="submit" disabled={busy}>
              {busy ? 'Mengirim…' : 'Kirim tautan masuk'}
            </button>
          </form>
          {options?.oidc && (
            <p>
              <a class="button secondary" href={options.oidc.loginUrl}>
                Masuk dengan SSO instansi
              </a>
            </p>
          )}
        </section>
      )}
    </main>
  );
}

// The email that carries a sign-in link. The token is in the URL's fragment (after #): browsers do
// not send it to any server, so it never lands in an access log or a proxy's; the page reads it
// and posts it to POST /auth/session.
import type { OutgoingEmail } from '../../activities/mailer';

export const SIGN_IN_PAGE = '/app/masuk';

export function signInLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${SIGN_IN_PAGE}#token=${token}`;
}

export function signInEmail(o: { to: string; name: string; link: string; minutes: number; linkId: string }): OutgoingEmail {
  return {
    to: o.to,
    subject: 'Tautan masuk Layanan Kolokasi',
    text: [
      `Yth. ${o.name},`,
      '',
      'Kami menerima permintaan untuk masuk ke Layanan Kolokasi dengan alamat email ini. Untuk masuk, buka tautan berikut:',
      '',
      o.link,
      '',
      `Tautan ini berlaku ${o.minutes} menit dan hanya dapat dipakai satu kali. Jangan teruskan email ini kepada siapa pun.`,
      '',
      'Bila Anda tidak meminta tautan ini, abaikan saja email ini; akun Anda tidak berubah dan tidak ada yang dapat masuk tanpa tautan ini.',
      '',
      'Layanan Kolokasi',
    ].join('\n'),
    messageId: `<sign-in-${o.linkId}@kolokasi>`,
  };
}

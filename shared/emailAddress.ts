// An email address a mail server will take: the limits of RFC 5321 (local part at most 64 octets,
// the whole path at most 254, each domain label at most 63) and the plain dot-atom syntax every
// server accepts. zod's own z.email() lets through addresses an SMTP server then refuses
// ("501 Bad recipient address syntax"), and a refused address must be caught at the door, where
// the person who typed it can still correct it.
import { z } from 'zod';

const MAX_LOCAL_OCTETS = 64;
const MAX_ADDRESS_OCTETS = 254;
const MAX_LABEL_OCTETS = 63;

/** atext of RFC 5322, in dot-separated runs: no leading, trailing or doubled dot. */
const dotAtom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const hostnameLabel = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/;
/** A top-level domain is letters, or an IDN in its punycode form. */
const topLevelLabel = /^([A-Za-z]{2,}|xn--[A-Za-z0-9-]+)$/;

/** Why `address` would be refused by a mail server, in Bahasa Indonesia; undefined when it is fine. */
export function emailAddressProblem(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return 'alamat email tidak valid: harus berbentuk nama@domain';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  // Syntax first: it admits ASCII only, so the lengths below count octets, as SMTP does.
  if (!dotAtom.test(local)) {
    return 'bagian sebelum @ hanya boleh berisi huruf, angka, titik (tidak di awal, di akhir, atau berurutan) dan tanda ! # $ % & \' * + / = ? ^ _ ` { | } ~ -';
  }
  if (local.length > MAX_LOCAL_OCTETS) {
    return `bagian sebelum @ terlalu panjang (${local.length} karakter); server email menerima paling banyak ${MAX_LOCAL_OCTETS}`;
  }
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => !hostnameLabel.test(l)) || !topLevelLabel.test(labels.at(-1)!)) {
    return 'nama domain email tidak valid (contoh: nama@dinas.example.go.id)';
  }
  if (labels.some((l) => l.length > MAX_LABEL_OCTETS)) {
    return `setiap bagian nama domain email paling banyak ${MAX_LABEL_OCTETS} karakter`;
  }
  if (address.length > MAX_ADDRESS_OCTETS) {
    return `alamat email terlalu panjang (${address.length} karakter); server email menerima paling banyak ${MAX_ADDRESS_OCTETS}`;
  }
  return undefined;
}

export const emailAddressSchema = z
  .string()
  .trim()
  .superRefine((address, ctx) => {
    const problem = emailAddressProblem(address);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ format: 'email', maxLength: MAX_ADDRESS_OCTETS, description: 'Alamat email yang diterima server email (RFC 5321): bagian sebelum @ paling banyak 64 karakter, seluruhnya paling banyak 254.' });

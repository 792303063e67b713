// A document the case is due to have, before it is numbered: what it prints and the key that
// names it by meaning (`CRB-2026-0001.form-persetujuan`), so a retried or replayed commit finds
// the one already issued instead of issuing a second.
import type { CaseState } from '../../caseState';
import type { Profile, Role } from '../../profile/schema';
import type { DocumentKind } from '../../profile/vocabulary';
import type { DocumentContent, DocumentSection } from '../content';
import { placeOf } from '../letterhead';
import { indonesianDay, indonesianIsoDate } from '../indonesianDate';

export interface DocumentDraft {
  /** URL-safe: the request number, the kind, and `-2`, `-3`… for a later one of the same kind. */
  id: string;
  kind: DocumentKind;
  requestNumber: string;
  issuedAt: string;
  content: DocumentContent;
  /** The earlier document of the same kind this one replaces (a second approval, a redone form). */
  supersedes?: string;
}

/** The nth (0-based) document of a kind in a case. */
export function draftId(requestNumber: string, kind: DocumentKind, occurrence = 0): string {
  return `${requestNumber}.${kind}${occurrence > 0 ? `-${occurrence + 1}` : ''}`;
}

export interface DraftContext {
  state: CaseState;
  profile: Profile;
}

export function roleTitle(profile: Profile, role: Role, fallback: string): string {
  return profile.roles[role]?.title ?? fallback;
}

/** "Semarang, 23 November 2026". */
export function placeAndDate(profile: Profile, at: string): string {
  return `${placeOf(profile)}, ${indonesianDay(Date.parse(at), profile.timeZone)}`;
}

export const dash = (value: string | number | undefined | null): string => (value === undefined || value === null || value === '' ? '-' : String(value));

/** Where the case's server stands: the installation where the SOP has one, else the reservation. */
export function serverLocation(state: CaseState): string {
  const placed = state.installation ?? state.capacity.reservation;
  if (!placed) return '-';
  return `Rak ${placed.rackId} U${placed.startUnit}-U${placed.startUnit + placed.units - 1}`;
}

export function ipAddressOf(state: CaseState): string {
  return dash(state.installation?.ipAddress ?? state.capacity.reservation?.ipAddress);
}

/** The server table of the seeds' forms: No, Nama Server, then the specification columns. */
export function serverTable(state: CaseState, withSerial = false): DocumentSection {
  const request = state.submission;
  const servers = request.kind === 'colocation' ? request.servers : [];
  const verified = [...state.decisions].reverse().find((d) => d.kind === 'specVerification')?.payload as { servers?: { name: string; serialNumber: string; typeAndBrand: string }[] } | undefined;
  const serial = (name: string) => verified?.servers?.find((s) => s.name === name);
  return {
    type: 'table',
    heading: 'Spesifikasi Server',
    columns: ['No', 'Nama Server', ...(withSerial ? ['S/N', 'Tipe & Merk'] : []), 'Prosesor', 'RAM', 'Motherboard', 'Storage', 'PSU'],
    rows: servers.map((s, i) => ({ cells: [String(i + 1), s.name, ...(withSerial ? [dash(serial(s.name)?.serialNumber), dash(serial(s.name)?.typeAndBrand)] : []), s.processor, s.ram, s.motherboard, s.storage, s.psu] })),
  };
}

/** The request letter the applicant sent, where the request had one. */
export function requestLetterFields(state: CaseState): DocumentSection[] {
  const letter = state.submission.letter;
  if (!letter) return [];
  return [{ type: 'fields', heading: 'Surat Permohonan', fields: [
    { label: 'Nomor Surat', value: letter.letterNumber },
    { label: 'Tanggal Surat', value: indonesianIsoDate(letter.letterDate) },
    { label: 'Perihal', value: letter.subject },
  ] }];
}

// What a person types, bounded. Every text and list people send has a limit, so no field can grow a
// case's history (or an email, a record, a document) without end, and no control character (a NUL,
// an escape) reaches a record, an email header or a printed document. The same schemas guard the
// HTTP API and the workflow's Update validators.
import { z } from 'zod';

/** C0 controls and DEL, except tab and line breaks (allowed in multi-line notes only). */
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F]/;
const CONTROL_IN_NOTE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/* eslint-enable no-control-regex */
export const CONTROL_CHARACTER_MESSAGE = 'tidak boleh berisi karakter kendali (mis. NUL)';

interface TextOptions {
  min?: number;
  /** Message when shorter than `min`. */
  minMessage?: string;
  /** Allows line breaks and tabs: a note or a reason, not a name. */
  multiline?: boolean;
}

const texts = new Map<string, ReturnType<typeof buildText>>();

/** A trimmed string of at most `max` characters, without control characters. */
export function text(max: number, { min = 1, minMessage, multiline = false }: TextOptions = {}) {
  // One schema per bound: the workflow sandbox builds our schemas again for every run (bench/workflowRunStart.ts).
  const key = `${max}|${min}|${minMessage ?? ''}|${multiline}`;
  let schema = texts.get(key);
  if (!schema) texts.set(key, (schema = buildText(max, min, minMessage, multiline)));
  return schema;
}

function buildText(max: number, min: number, minMessage: string | undefined, multiline: boolean) {
  return z
    .string()
    .trim()
    .max(max, `paling banyak ${max} karakter`)
    .min(min, minMessage ?? (min === 1 ? 'wajib diisi' : `minimal ${min} karakter`))
    .refine((s) => !(multiline ? CONTROL_IN_NOTE : CONTROL_IN_LINE).test(s), CONTROL_CHARACTER_MESSAGE);
}

/** A list of at most `max` items (and at least `min`). */
export function list<T extends z.ZodType>(item: T, max: number, min = 0) {
  const schema = z.array(item).max(max, `paling banyak ${max} butir`);
  return min > 0 ? schema.min(min, `minimal ${min} butir`) : schema;
}

/**
 * An object that refuses keys it does not know, naming them, rather than silently dropping them: a
 * field sent by mistake (a password above all) must be noticed, never half-stored or lost.
 */
export function strictObject<S extends z.core.$ZodLooseShape>(shape: S, unknownKeyHint = '') {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `kolom tidak dikenal: ${issue.keys.join(', ')}${unknownKeyHint}` : undefined),
  });
}

// Dates people write relative to "today". Indonesia spans UTC+7 (WIB) to UTC+9 (WIT); these checks
// need no agency, so "today" is the latest Indonesian date for the future bound and the earliest for
// the past bound: nobody in any zone is refused a date that is valid where they are.
const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** The latest date anywhere in Indonesia right now (WIT), plus `days`. */
export const latestIndonesianDate = (nowMs: number, days = 0): string => isoDay(nowMs + 9 * 3_600_000 + days * DAY_MS);
/** The earliest date anywhere in Indonesia right now (WIB). */
export const earliestIndonesianDate = (nowMs: number): string => isoDay(nowMs + 7 * 3_600_000);


// A zod failure as one message per field path ("form.nip" → its message), the way the API answers a
// bad body and the web app marks a bad form field: both read the same paths.
import type { z } from 'zod';

/** The first message per field is the one a person needs to fix first. */
export function fieldsFromIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  const pathOf = (segments: readonly PropertyKey[]): string => [prefix, ...segments.map(String)].filter(Boolean).join('.') || '(body)';
  for (const issue of issues) {
    // An unknown key is named as a field of its own, so the client sees which key to drop.
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fields[pathOf([...issue.path, key])] ??= issue.message;
    else fields[pathOf(issue.path)] ??= issue.message;
  }
  return fields;
}

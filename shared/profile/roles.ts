// The role codes and the date format that workflow inputs check, apart from the profile format:
// every cached workflow run evaluates the modules it imports for itself, and the whole profile
// schema (shared/profile/schema.ts, which re-exports these) is not worth building in each run.
import { z } from 'zod';

/** Role codes used in code; each profile gives them the titles its SOP uses (see GLOSSARY.md). */
export const roleCodes = ['applicant', 'kadis', 'kabid', 'kasi', 'dcStaff', 'helpdesk', 'pranataKomputer', 'technicalTeam', 'generalAffairs'] as const;
export const roleSchema = z.enum(roleCodes);
export type Role = z.infer<typeof roleSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

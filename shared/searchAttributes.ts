// Typed search attributes that let admins find and filter cases in the Temporal Web UI.
// Registered on the dev server at start (scripts/stack.ts) and in docker-compose.yml.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  status: defineSearchAttributeKey('KolokasiStatus', SearchAttributeType.KEYWORD),
  currentStep: defineSearchAttributeKey('KolokasiCurrentStep', SearchAttributeType.KEYWORD),
  agency: defineSearchAttributeKey('KolokasiAgency', SearchAttributeType.KEYWORD),
  applicantUnit: defineSearchAttributeKey('KolokasiApplicantUnit', SearchAttributeType.KEYWORD),
  slaBreached: defineSearchAttributeKey('KolokasiSlaBreached', SearchAttributeType.BOOL),
  requestNumber: defineSearchAttributeKey('KolokasiRequestNumber', SearchAttributeType.KEYWORD),
  procedure: defineSearchAttributeKey('KolokasiProcedure', SearchAttributeType.KEYWORD),
} as const;

const cliTypeNames: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.BOOL]: 'Bool',
};

/** `--search-attribute Name=Type` pairs for `temporal server start-dev`. */
export function searchAttributeCliArgs(): string[] {
  return Object.values(SA).flatMap((key) => ['--search-attribute', `${key.name}=${cliTypeNames[key.type]}`]);
}

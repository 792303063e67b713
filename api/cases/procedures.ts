// Which procedure of the deployment's profile a request belongs to. A request number names it: the
// agency code, then the procedure's code where it has one ("JTG-BU-2026-0003" is Jateng's back up;
// colocation has none), so the workflow ID of any case follows from its number alone.
import { sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import type { Procedure, Profile } from '../../shared/profile/schema';
import type { RequestKind } from '../../shared/profile/vocabulary';

/** The part of a request number before the year: "CRB", "JTG-BU". */
export function numberPrefix(profile: Pick<Profile, 'code'>, procedure: Pick<Procedure, 'code'>): string {
  return procedure.code ? `${profile.code}-${procedure.code}` : profile.code;
}

/** The procedure that opens a case for this kind of request, if the profile has one. */
export function procedureForRequest(profile: Profile, kind: RequestKind): Procedure | undefined {
  return profile.procedures.find((p) => p.request === kind);
}

const NUMBER = /^([A-Z]{2,5})(?:-([A-Z]{2}))?-\d{4}-\d+$/;

/** The procedure a request number names in this profile; undefined for another agency's or an unknown code. */
export function procedureOfNumber(profile: Profile, requestNumber: string): Procedure | undefined {
  const match = NUMBER.exec(requestNumber);
  if (!match || match[1] !== profile.code) return undefined;
  const code = match[2];
  return profile.procedures.find((p) => p.code === code);
}

/** The workflow ID of the case with this number, as the deployment's profile numbers its procedures. */
export function workflowIdOfNumber(profile: Profile, requestNumber: string): string | undefined {
  const procedure = procedureOfNumber(profile, requestNumber);
  return procedure && sopCaseWorkflowId(procedure.id, requestNumber);
}

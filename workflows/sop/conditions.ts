// The facts a decision row may read instead of a person's answer, one function per condition
// name: the registry is exhaustive, so a condition a profile may name always means something.
import type { CaseState } from '../../shared/caseState';
import type { Answer } from '../../shared/profile/actions';
import type { ConditionName } from '../../shared/profile/vocabulary';

export const conditions = {
  /** The capacity check (and, where the SOP asks another unit, the power check) found room. */
  capacityAvailable: (state) => (state.capacity.outcome === 'available' && state.capacity.power !== 'unavailable' ? 'ya' : 'tidak'),
  /** "Apakah membutuhkan proses back up lanjut?": yes until the SKPD has asked to stop. */
  backupToContinue: (state) => (state.backup?.stopRequested ? 'tidak' : 'ya'),
} satisfies Record<ConditionName, (state: CaseState) => Answer>;

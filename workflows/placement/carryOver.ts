// Continue-As-New for a placement: it lives for years, so when its history grows it starts anew
// with its state and settings. Only while idle: a withdrawal's child case is awaited in one run.
import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { PlacementInput, PlacementSettings, PlacementState } from '../../shared/contracts/placement';

export interface CarriedPlacement {
  state: PlacementState;
  settings: PlacementSettings;
  applied: string[];
}

/** Extensions and reminders add a few events a year: this is reached after decades, or when Temporal suggests it. */
const HISTORY_LIMIT = 1_000;
/** Request ids kept for recognising resends after a new run begins. */
const KEEP_APPLIED = 50;

/**
 * Placements started before this patch looked at their history only when their term or state
 * changed, so updates that change neither (a refused extension) could grow it without end. New runs
 * also wake for it while waiting.
 */
export const CARRY_OVER_WHILE_WAITING_PATCH = 'placement-carry-over-while-waiting';

export function shouldCarryOver(): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > HISTORY_LIMIT;
}

export async function carryOver(input: PlacementInput, carried: Omit<CarriedPlacement, 'applied'>, applied: Set<string>): Promise<never> {
  await condition(allHandlersFinished);
  const next: CarriedPlacement = { ...carried, applied: [...applied].slice(-KEEP_APPLIED) };
  return continueAsNew<(input: PlacementInput) => Promise<unknown>>({ ...input, carried: next });
}

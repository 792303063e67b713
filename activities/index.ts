// All activities, built from injected collaborators so tests can pass real or in-memory ones.
import type { Mailer } from './mailer';
import { createSmokeTestActivities } from './smokeTest';

export interface ActivityDeps {
  mailer: Mailer;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSmokeTestActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type SmokeTestActivities = ReturnType<typeof createSmokeTestActivities>;

// The worker's workflow bundle entry: every workflow type Kolokasi runs.
export { placementWorkflow } from './placement';
export { smokeTestWorkflow } from './smokeTest';
export { sopCaseWorkflow } from './sopCase';

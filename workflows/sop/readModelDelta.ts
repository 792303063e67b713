// What a lean commit writes to the read model: only the parts of the case that changed since the
// last commit, each small field whole and the step and decision lists item by item, as `$set`
// paths (`state.status`, `state.steps.3`, `state.decisions.5`). Applying a delta twice leaves the
// same record, so a retried commit is harmless. The workflow keeps the JSON of each part it wrote
// and compares text: hashing that text in the workflow's sandbox had been the workflow thread's
// largest single cost (about 50 ms per case), and the copies (a few KiB a case) live only as long
// as the run stays in the worker's bounded cache.
import type { CaseState } from '../../shared/caseState';

export interface ReadModelDelta {
  set: Record<string, unknown>;
  unset: string[];
}

/** The revision is written with every commit anyway, so it is not a part that can change alone. */
function parts(state: CaseState): Map<string, unknown> {
  const { steps, decisions, revision: _revision, ...fields } = state;
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) result.set(`state.${key}`, value);
  steps.forEach((step, i) => result.set(`state.steps.${i}`, step));
  decisions.forEach((decision, i) => result.set(`state.decisions.${i}`, decision));
  return result;
}

export class ReadModelTracker {
  private written = new Map<string, string>();
  private accepted = false;

  /** Nothing written by this run yet. */
  get fresh(): boolean {
    return !this.accepted;
  }

  /** What changed since the last accepted delta; `accept` once it is written. */
  delta(state: CaseState): ReadModelDelta & { empty: boolean; accept(): void } {
    const current = new Map<string, string>();
    const set: Record<string, unknown> = {};
    for (const [path, value] of parts(state)) {
      const json = JSON.stringify(value);
      current.set(path, json);
      if (this.written.get(path) !== json) set[path] = value;
    }
    const unset = [...this.written.keys()].filter((path) => !current.has(path));
    return {
      set,
      unset,
      empty: Object.keys(set).length === 0 && unset.length === 0,
      accept: () => {
        this.written = current;
        this.accepted = true;
      },
    };
  }
}

// What a lean commit writes to the read model: only the parts of the case that changed since the
// last commit, each small field whole and the step and decision lists item by item, as `$set`
// paths (`state.status`, `state.steps.3`, `state.decisions.5`). Applying a delta twice leaves the
// same record, so a retried commit is harmless. The workflow keeps a hash of each part it wrote,
// not a copy, so a cached case costs little memory.
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

/** cyrb53: a fast 53-bit string hash; a collision would only skip rewriting an unchanged-looking part. */
function hash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export class ReadModelTracker {
  private written = new Map<string, number>();
  private accepted = false;

  /** Nothing written by this run yet. */
  get fresh(): boolean {
    return !this.accepted;
  }

  /** What changed since the last accepted delta; `accept` once it is written. */
  delta(state: CaseState): ReadModelDelta & { empty: boolean; accept(): void } {
    const current = new Map<string, number>();
    const set: Record<string, unknown> = {};
    for (const [path, value] of parts(state)) {
      const h = hash(JSON.stringify(value));
      current.set(path, h);
      if (this.written.get(path) !== h) set[path] = value;
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

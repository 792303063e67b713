// The API's in-memory copy of every case's summary, what inboxes and lists filter, sort and count.
// Loaded once (one scan), then kept current by following the summaries' change log by _id, the one
// lookup FerretDB on SQLite answers without decoding a whole collection (shared/db/requestSummary.ts).
// Each read first catches up with the log, so an answer is as fresh as the database. Sort keys are
// parsed once per summary write, not once per comparison: at 10,000 cases, parsing dates inside the
// sort was most of an inbox's time.
import mongoose from 'mongoose';
import type { CaseState } from '../../shared/caseState';
import { RequestRecord } from '../../shared/db/requestRecord';
import {
  changeId,
  readHeadHint,
  RequestSummaryChange,
  RequestSummaryFields,
  RequestSummaryRecord,
  requestSummaryFields,
} from '../../shared/db/requestSummary';

/** Log entries fetched at once while catching up after a change was found. */
const LOOKAHEAD = 8;
/** How often an idle API catches up by itself, so a burst of changes never waits for a reader. */
const BACKGROUND_MS = 1000;

/** A case's latest summary with what inboxes and lists sort by, in milliseconds (no deadline: Infinity). */
export interface IndexedSummary {
  summary: RequestSummaryFields;
  submittedMs: number;
  deadlineMs: number;
}

export function sortKeys(summary: RequestSummaryFields): IndexedSummary {
  const deadline = summary.currentStep?.deadline;
  return { summary, submittedMs: Date.parse(summary.submittedAt), deadlineMs: deadline ? Date.parse(deadline) : Infinity };
}

/** Newest first; the request number breaks ties so pages never overlap. */
function newerFirst(a: IndexedSummary, b: IndexedSummary): number {
  return b.submittedMs - a.submittedMs || (a.summary._id < b.summary._id ? 1 : a.summary._id > b.summary._id ? -1 : 0);
}

class SummaryIndex {
  private readonly byNumber = new Map<string, IndexedSummary>();
  /** The same entries newest first; dropped when a case is added or its submission time changes. */
  private newest: IndexedSummary[] | null = null;
  /** The last change log entry applied. */
  private seq = 0;
  private loaded: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => {
      if (mongoose.connection.readyState === 1) this.refresh(true).catch(() => undefined);
    }, BACKGROUND_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Every case's summary, caught up with every write that finished before this call. */
  async all(): Promise<Iterable<IndexedSummary>> {
    await this.refresh(false);
    return this.byNumber.values();
  }

  /**
   * One case's summary as the index holds it, without catching up: it may trail the case by a
   * moment (a decision's caller confirms a refusal with the workflow). Undefined before the index
   * has loaded, or for a case it has not heard of.
   */
  peek(requestNumber: string): RequestSummaryFields | undefined {
    return this.byNumber.get(requestNumber)?.summary;
  }

  /**
   * A summary this process learned first-hand: a case's first wait at its submission, or where a
   * decision left it (the workflow answers once the commit that wrote it is done). Its revision
   * orders it with the log's, so the log's entry of the same write changes nothing.
   */
  learn(summary: RequestSummaryFields): void {
    this.apply(summary);
  }

  /** The same, newest submission first (the list's order), sorted again only after a case was added. */
  async newestFirst(): Promise<readonly IndexedSummary[]> {
    await this.refresh(false);
    this.newest ??= [...this.byNumber.values()].sort(newerFirst);
    return this.newest;
  }

  private apply(summary: RequestSummaryFields): void {
    const known = this.byNumber.get(summary._id);
    if (known && known.summary.revision >= summary.revision) return;
    const entry = sortKeys(summary);
    if (!known) {
      this.byNumber.set(summary._id, entry);
      this.newest = null;
      return;
    }
    // Updated in place, so the sorted list holds it still.
    if (known.submittedMs !== entry.submittedMs) this.newest = null;
    Object.assign(known, entry);
  }

  private async load(): Promise<void> {
    this.byNumber.clear();
    this.newest = null;
    // Entries up to the head seen now were written after their summaries: the scan shows them.
    this.seq = await readHeadHint();
    for await (const summary of RequestSummaryRecord.find().lean().cursor()) this.apply(summary as RequestSummaryFields);
    // Cases recorded before summaries existed: read once from the full records.
    if ((await RequestRecord.estimatedDocumentCount()) > this.byNumber.size) {
      for await (const record of RequestRecord.find({}, { state: 1, updatedAt: 1 }).lean().cursor()) {
        const state = record.state as CaseState;
        const updatedAt = record.updatedAt instanceof Date ? record.updatedAt.toISOString() : state.submittedAt;
        if (!this.byNumber.has(state.requestNumber)) this.apply({ ...requestSummaryFields(state), updatedAt });
      }
    }
  }

  /** One catch-up at a time; a reader arriving during one waits for the next, which starts after it. */
  private refresh(checkPruned: boolean): Promise<void> {
    if (!this.running) {
      this.running = this.catchUp(checkPruned).finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.refresh(checkPruned);
      });
    return this.queued;
  }

  private async catchUp(checkPruned: boolean): Promise<void> {
    this.loaded ??= this.load().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    await this.loaded;
    // Usually nothing changed: one lookup says so. Only after a hit are several fetched at once.
    for (let batch = 1; ; batch = LOOKAHEAD) {
      const ids = Array.from({ length: batch }, (_, i) => changeId(this.seq + 1 + i));
      const found = await Promise.all(ids.map((id) => RequestSummaryChange.findById(id).lean()));
      let applied = 0;
      for (const entry of found) {
        if (!entry) break;
        this.apply(entry.summary);
        this.seq += 1;
        applied += 1;
      }
      if (applied === batch) continue;
      if (applied === 0 && checkPruned) await this.reloadIfPruned();
      return;
    }
  }

  /** The next entry is missing although the head is past it: it was pruned; start again from a scan. */
  private async reloadIfPruned(): Promise<void> {
    if ((await readHeadHint()) <= this.seq + 1) return;
    if (await RequestSummaryChange.findById(changeId(this.seq + 1)).lean()) return;
    this.loaded = this.load();
    await this.loaded;
  }
}

let index: SummaryIndex | null = null;

/** The process's index, created at first use; dropped when mongoose disconnects (it may reconnect elsewhere). */
export function summaryIndex(): SummaryIndex {
  if (!index) {
    const created = new SummaryIndex();
    index = created;
    mongoose.connection.once('disconnected', () => {
      created.stop();
      if (index === created) index = null;
    });
  }
  return index;
}

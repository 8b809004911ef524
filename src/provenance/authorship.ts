import type { Run, TextEdit } from './runs';
import { runsLength, spliceRuns } from './runs';

/** What is known about one model answer that was accepted into the text. */
export interface OriginMeta {
  /** The model as the endpoint names it. */
  model: string;
  /** The story item it was written for (`scenes/2`), when there is one. */
  item?: string;
  seed?: number;
  promptHash?: string;
  /** Sampling parameters that were set (temperature, topP, maxTokens). */
  params?: Readonly<Record<string, number>>;
  /** ISO time of the Accept. */
  at: string;
}

/** A model answer as it was accepted: its text is what "verbatim" and the edit measure compare with. */
export interface ModelOrigin extends OriginMeta {
  text: string;
}

/** How an edit's new text came to be. Anything not known to be the model's is the writer's. */
export type EditKind = 'typed' | 'pasted';

/**
 * Who wrote every character of one text, and the model answers it came from. Immutable: every
 * edit returns a new value, so a history of states costs only their run arrays.
 */
export class Authorship {
  private constructor(
    readonly runs: readonly Run[],
    readonly origins: ReadonlyMap<number, ModelOrigin>,
    private readonly nextOrigin: number,
  ) {}

  /** A text nobody has claimed: all of it is the writer's. */
  static writer(length: number): Authorship {
    return new Authorship(length ? [{ kind: 'writer', length }] : [], new Map(), 0);
  }

  static of(runs: readonly Run[], origins: ReadonlyMap<number, ModelOrigin>): Authorship {
    let next = 0;
    for (const id of origins.keys()) next = Math.max(next, id + 1);
    for (const r of runs) if (r.kind === 'model' && !origins.has(r.origin)) throw new Error(`Run refers to unknown model answer ${r.origin}.`);
    return new Authorship(runs, origins, next);
  }

  get length(): number {
    return runsLength(this.runs);
  }

  /** The writer typed (or pasted) `edit.text` over [start, end). */
  edit(edit: TextEdit, kind: EditKind = 'typed'): Authorship {
    const inserted: Run[] = edit.text.length ? [{ kind: kind === 'pasted' ? 'pasted' : 'writer', length: edit.text.length }] : [];
    return new Authorship(spliceRuns(this.runs, edit.start, edit.end, inserted), this.origins, this.nextOrigin);
  }

  /** Several edits in order, each in offsets of the text the previous one left. */
  edits(edits: readonly TextEdit[], kind: EditKind = 'typed'): Authorship {
    let a: Authorship = this;
    for (const e of edits) a = a.edit(e, kind);
    return a;
  }

  /**
   * The model's accepted answer now fills [start, start + origin.text.length) of the text: those
   * characters become its, whatever the edit that put them there kept from before.
   */
  attributeModel(start: number, origin: OriginMeta & { text: string }): Authorship {
    const id = this.nextOrigin;
    const origins = new Map(this.origins).set(id, { ...origin });
    const run: Run[] = origin.text.length ? [{ kind: 'model', length: origin.text.length, origin: id, offset: 0 }] : [];
    return new Authorship(spliceRuns(this.runs, start, start + origin.text.length, run), origins, id + 1);
  }

  /** Replaces runs wholesale (reconciliation, undo): the origins table only grows. */
  withRuns(runs: readonly Run[], origins: ReadonlyMap<number, ModelOrigin> = this.origins): Authorship {
    return Authorship.of(runs, origins);
  }

  /** Model answers that still have characters in the text. */
  liveOrigins(): Map<number, ModelOrigin> {
    const live = new Map<number, ModelOrigin>();
    for (const r of this.runs) if (r.kind === 'model') live.set(r.origin, this.origins.get(r.origin) as ModelOrigin);
    return live;
  }

  /** True when every model run's characters in `text` are the model's own: the runs describe this text. */
  describes(text: string): boolean {
    if (text.length !== this.length) return false;
    let at = 0;
    for (const r of this.runs) {
      if (r.kind === 'model') {
        const origin = this.origins.get(r.origin);
        if (!origin || text.slice(at, at + r.length) !== origin.text.slice(r.offset, r.offset + r.length)) return false;
      }
      at += r.length;
    }
    return true;
  }
}

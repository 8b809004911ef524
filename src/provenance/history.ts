import type { Authorship } from './authorship';

/**
 * Undo and redo give back earlier text, and its authorship must come back with it: an undone
 * deletion of model words makes them the model's again, not the writer's. The editor reports an
 * undo only as another text change, so every state the text passes through is kept (states are
 * immutable and share their origins; each costs its run array), with a cursor like the editor's
 * own undo stack. An undo looks back from the cursor for the nearest state that describes the
 * restored text (same length, and every model run's characters are the model's own); a redo looks
 * forward. When none does, the plain edit transform stands, so the restored text is the writer's:
 * anything unknown is.
 */
export class AuthorshipHistory {
  private states: Authorship[];
  private cursor = 0;

  constructor(
    initial: Authorship,
    private readonly limit = 500,
  ) {
    this.states = [initial];
  }

  get current(): Authorship {
    return this.states[this.cursor];
  }

  /** A new state after an ordinary edit: the redo branch is gone, as in the editor. */
  push(state: Authorship): Authorship {
    this.states = this.states.slice(0, this.cursor + 1);
    this.states.push(state);
    if (this.states.length > this.limit) this.states = this.states.slice(this.states.length - this.limit);
    this.cursor = this.states.length - 1;
    return state;
  }

  /** Replaces the current state without making a new undo step (a late attribution, e.g. Accept). */
  amend(state: Authorship): Authorship {
    this.states[this.cursor] = state;
    return state;
  }

  /** After an undo produced `text`; `fallback` is the plain transform of the undo's changes. */
  undo(text: string, fallback: Authorship): Authorship {
    for (let i = this.cursor - 1; i >= 0; i--) {
      if (this.states[i].describes(text)) {
        this.cursor = i;
        return this.states[i];
      }
    }
    return this.push(fallback);
  }

  redo(text: string, fallback: Authorship): Authorship {
    for (let i = this.cursor + 1; i < this.states.length; i++) {
      if (this.states[i].describes(text)) {
        this.cursor = i;
        return this.states[i];
      }
    }
    return this.push(fallback);
  }
}

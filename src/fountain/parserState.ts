/**
 * The parser's state between lines, packed into one small integer so that "did the state after
 * this line change?" — the test that lets an incremental update stop — is a single comparison.
 */

export const enum Mode {
  Normal = 0,
  TitlePage = 1,
  Dialogue = 2,
}

const PREV_BLANK = 1;
const MODE_SHIFT = 1;
const MODE_MASK = 3 << MODE_SHIFT;
const IN_NOTE = 1 << 3;
const IN_BONEYARD = 1 << 4;
const AT_START = 1 << 5;

/** The state before the first line: as if after a blank line, and title-page keys allowed. */
export const INITIAL_STATE = PREV_BLANK | AT_START;

export const prevBlank = (s: number): boolean => (s & PREV_BLANK) !== 0;
export const modeOf = (s: number): Mode => ((s & MODE_MASK) >> MODE_SHIFT) as Mode;
export const inNote = (s: number): boolean => (s & IN_NOTE) !== 0;
export const inBoneyard = (s: number): boolean => (s & IN_BONEYARD) !== 0;
export const atStart = (s: number): boolean => (s & AT_START) !== 0;

export function packState(blank: boolean, mode: Mode, note: boolean, boneyard: boolean): number {
  return (blank ? PREV_BLANK : 0) | (mode << MODE_SHIFT) | (note ? IN_NOTE : 0) | (boneyard ? IN_BONEYARD : 0);
}

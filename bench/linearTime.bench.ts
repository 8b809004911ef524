/**
 * Adversarial lines (issue 9, finding 7): what the parser and the reply parsers cost on the inputs
 * that made the replaced regular expressions backtrack, against those patterns themselves (kept
 * here as the peer) on the same input, where they finish at all. Run by `npm run bench`.
 */
import { FountainDocument } from '../src/fountain';
import { parseCharacters } from '../src/story/parsers';
import { median, printTable } from './stats';

/** The parser's cue pattern before the rewrite. */
const OLD_CUE = /^(.*?)((?:\s*\([^)]*\))*)\s*(\^)?\s*$/;
/** characterLines' pattern before the rewrite. */
const OLD_CHARACTER_LINE = /^\s*(?:[-*•]|\d+[.)])?\s*\**([^:*()]+?)\**\s*(?:\(([^()]*)\))?\s*\**\s*[:—–-]\s*(.+)$/;

function time(runs: number, f: () => void): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

/** One keystroke at the end of the cue-like line `A` + n spaces + `b`, between a blank line and dialogue. */
function keystroke(spaces: number): number {
  const body = 'A' + ' '.repeat(spaces) + 'b';
  const doc = FountainDocument.parse(`INT. ROOM - DAY\n\n${body}\nHello.\n`);
  let typed = false;
  return time(50, () => {
    const col = body.length + (typed ? 1 : 0);
    doc.applyEdits([{ startLine: 2, startCharacter: typed ? col - 1 : col, endLine: 2, endCharacter: col, text: typed ? '' : 'c' }]);
    typed = !typed;
  });
}

export function runLinearTimeBench(): Record<string, number> {
  const ours2k = keystroke(2_000);
  const peer2k = time(1, () => OLD_CUE.exec('A' + ' '.repeat(2_000) + 'b'));
  const ours100k = keystroke(100_000);
  const reply = (n: number) => `- **MARA**: A keeper.\nA${' '.repeat(n)}b`;
  // The old pattern is worse than cubic here: 100 spaces take half a second, 400 over twenty.
  const chars100 = time(20, () => parseCharacters(reply(100)));
  const peerChars100 = time(3, () => OLD_CHARACTER_LINE.exec('A' + ' '.repeat(100) + 'b'));
  const chars20k = time(20, () => parseCharacters(reply(20_000)));
  const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));
  printTable('Adversarial lines (ms, median): ours against the replaced pattern on the same input', ['input', 'Dramaturge', 'replaced regex', 'speed-up'], [
    ['keystroke on `A` + 2,000 spaces + `b` (cue-like line)', fmt(ours2k), fmt(peer2k), `${(peer2k / ours2k).toFixed(0)}×`],
    ['keystroke on `A` + 100,000 spaces + `b`', fmt(ours100k), 'does not finish', ''],
    ['generate characters: reply with a 100-space line', fmt(chars100), fmt(peerChars100), `${(peerChars100 / chars100).toFixed(0)}×`],
    ['generate characters: reply with a 20,000-space line', fmt(chars20k), 'over 3 minutes (issue 9)', ''],
  ]);
  return { adversarial_keystroke_2k_ms: ours2k, adversarial_keystroke_2k_old_ms: peer2k, adversarial_keystroke_100k_ms: ours100k, adversarial_characters_100_ms: chars100, adversarial_characters_100_old_ms: peerChars100, adversarial_characters_20k_ms: chars20k };
}

import type { AuthorshipReport } from './report';
import { LEVEL_NAMES } from './report';
import { LEVELS } from './regions';

/**
 * The authorship report as a Fountain document, so that `authorship --pdf` prints through the
 * same page layout and PDF writer as the script (fonts embedded, every alphabet, selectable text).
 * Headings are centred bold lines; every other line is forced action (`!`), so no figure or scene
 * heading is ever read as a cue or a heading; Fountain markup in scene headings is escaped.
 */
export function reportFountain(r: AuthorshipReport): string {
  const out: string[] = [
    'Title: **AUTHORSHIP REPORT**',
    'Credit: for',
    `Source: ${escape(r.file ?? 'the script')}`,
    `Draft date: ${r.generatedAt.slice(0, 10)}`,
    '',
  ];
  const heading = (text: string) => out.push(`> **${escape(text.toUpperCase())}** <`, '');
  const para = (text: string) => out.push(`!${text}`, '');

  heading('Summary');
  para(escape(r.summary));
  heading('Words by level');
  const line = (name: string, t: { words: number; writer: number; model: number; modelEdited: number; pasted?: number }) =>
    `!${name}: ${t.words} words; writer ${t.writer}, model verbatim ${t.model}, model then edited ${t.modelEdited}${t.pasted !== undefined ? `, pasted ${t.pasted}` : ''}.`;
  for (const level of LEVELS) if (r.levels[level].words) out.push(line(escape(LEVEL_NAMES[level]), r.levels[level]), '');
  out.push(line('**Total**', r.total), '');
  if (r.scenes.length) {
    heading('Words by scene');
    r.scenes.forEach((s, i) => out.push(line(`${i + 1}. ${escape(s.heading)}`, { ...s, pasted: undefined }), ''));
  }
  heading("How much the writer changed the model's text");
  const m = r.editMeasure;
  para(`Edit distance divided by the length of the model's text (Dramatron's measure): **${m.ratio.toFixed(2)}** (${m.editDistance} edits over ${m.modelCharacters} characters). Model words deleted: ${m.deletedModelWords}.`);
  heading('Models used');
  if (!r.models.length) para('None.');
  for (const u of r.models) para(`${escape(u.model)}: first used ${u.first}, last used ${u.last}.`);
  heading('How this was measured');
  para(
    'Dramaturge records the exact text of every AI answer the writer accepts, with model, seed and prompt hash, and follows each character through every later edit. A word is "model, verbatim" when every letter is still as the model wrote it; "model, then edited" when the writer changed part of it; "writer" otherwise, including anything typed, pasted, or whose origin is unknown. Edits made outside Dramaturge are reconciled against the last known text; new text there counts as the writer\'s.',
  );
  return out.join('\n');
}

/** Text that prints as written: Fountain's emphasis, notes and boneyard markers escaped or broken. */
function escape(text: string): string {
  let out = '';
  for (const c of text) out += c === '*' || c === '_' || c === '\\' ? `\\${c}` : c;
  return out.split('[[').join('[\\[').split('/*').join('/\\*');
}

import type { TextRun as StyledRun } from '../print/types';
import { HEADING_PREFIX } from '../fountain/sceneHeading';
import { isDual, type ScriptBlock, type ScriptParagraph } from './script';
import type { FdxDocument, TitleParagraph } from './readFdx';

/**
 * Writes a Final Draft script as Fountain that reads back as the same elements: wherever plain
 * text would be taken for something else (an action line in capitals before another line reads
 * as a cue, a cue with lowercase letters reads as action, a heading without INT/EXT reads as
 * action), the element is forced with Fountain's own markers (`!`, `@`, `.`, `>`).
 */
export function fountainFromFdx(fdx: FdxDocument): string {
  const out: string[] = [];
  const title = titlePageLines(fdx.titlePage);
  if (title.length > 0) out.push(...title, '');
  let first = true;
  let inSpeech = false;
  for (const block of fdx.body) {
    const lines = blockLines(block);
    if (lines.length === 0) continue;
    // A cue, its parentheticals and its dialogue are one block: no blank line between them.
    const continuesSpeech: boolean = inSpeech && !isDual(block) && (block.type === 'Dialogue' || block.type === 'Parenthetical') && !block.startsNewPage;
    if (continuesSpeech) out.pop();
    if (!first && block.startsNewPage) out.push('===', '');
    out.push(...lines, '');
    inSpeech = !isDual(block) && (block.type === 'Character' || continuesSpeech);
    first = false;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

function blockLines(block: ScriptBlock): string[] {
  if (isDual(block)) {
    const left = speechLines(block.dual[0], false);
    const right = speechLines(block.dual[1], true);
    return [...left, '', ...right];
  }
  return paragraphLines(block);
}

/** A speech: cue, then parentheticals and dialogue with no blank line between them. */
function speechLines(paragraphs: ScriptParagraph[], dualRight: boolean): string[] {
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.type === 'Character') out.push(cueLine(paragraph) + (dualRight ? ' ^' : ''));
    else out.push(...paragraphLines(paragraph));
  }
  return out;
}

/** Speech paragraphs come out without the blank line that ends a block; the caller adds it. */
function paragraphLines(paragraph: ScriptParagraph): string[] {
  const lines = paragraph.lines.map(markup);
  switch (paragraph.type) {
    case 'Scene Heading': {
      const text = lines.join(' ').trim();
      const heading = (HEADING_PREFIX.test(text) && !text.startsWith('.') ? text : '.' + text) + (paragraph.number ? ` #${paragraph.number}#` : '');
      return paragraph.summary ? [heading, '', `= ${paragraph.summary}`] : [heading];
    }
    case 'Character':
      return [cueLine(paragraph)];
    case 'Parenthetical': {
      const text = lines.join(' ').trim();
      return [text.startsWith('(') && text.endsWith(')') ? text : `(${text.replace(/^\(|\)$/g, '')})`];
    }
    case 'Dialogue':
      // An empty line inside a speech is written as two spaces, Fountain's way to keep it.
      return lines.map((line) => (line.trim() === '' ? '  ' : line.trim()));
    case 'Transition': {
      const text = lines.join(' ').trim();
      return [/TO:$/.test(text) && !/\p{Ll}/u.test(text) ? text : `> ${text}`];
    }
    default:
      if (paragraph.centered) return lines.filter((l) => l.trim() !== '').map((line) => `> ${line.trim()} <`);
      return actionLines(lines);
  }
}

/** A cue with lowercase letters, or one that could be read as something else, is forced with `@`. */
function cueLine(paragraph: ScriptParagraph): string {
  const text = paragraph.lines.map(markup).join(' ').trim();
  const risky = /\p{Ll}/u.test(text) || HEADING_PREFIX.test(text) || /^[!@#~=.>[]/.test(text) || !/\p{L}/u.test(text);
  return risky ? '@' + text : text;
}

/**
 * Action keeps its line breaks. A line is forced with `!` when, unforced, Fountain would read it
 * as a heading, a cue (capitals with a line under it), a transition, or markup by its first
 * character. Empty lines inside a paragraph become paragraph breaks (what Fountain can say).
 */
function actionLines(lines: string[]): string[] {
  const out: string[] = [];
  let afterBlank = true;
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      if (!afterBlank) out.push('');
      afterBlank = true;
      return;
    }
    const next = lines[i + 1]?.trim() ?? '';
    out.push(needsForcing(line.trim(), afterBlank, next !== '') ? '!' + line : line);
    afterBlank = false;
  });
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

function needsForcing(trimmed: string, afterBlank: boolean, lineFollows: boolean): boolean {
  if (/^[!@#~=>[]/.test(trimmed) || /^\.[^.]/.test(trimmed) || trimmed.startsWith('/*')) return true;
  if (!afterBlank) return false;
  if (HEADING_PREFIX.test(trimmed)) return true;
  const capitals = /\p{L}/u.test(trimmed) && !/\p{Ll}/u.test(trimmed);
  if (capitals && lineFollows) return true; // would be a character cue
  if (capitals && (trimmed.endsWith('TO:') || /^(FADE OUT|FADE TO BLACK|CUT TO BLACK)\.$/.test(trimmed))) return true;
  return false;
}

/**
 * Styled runs back to Fountain emphasis; literal `*`, `_` and `\` are escaped. Underline is the
 * outer marker and bold/italic one combined star marker inside it (`*`, `**`, `***`), opened and
 * closed only where the style changes, so `_a *b* c_` comes back as written. A marker may not
 * touch a space on its inner side, so whitespace at a style change moves outside the marker.
 */
export function markup(line: StyledRun[]): string {
  let out = '';
  let underline = false;
  let stars = 0;
  const close = (marker: string) => {
    // The marker goes before any trailing spaces (a scan back, not a regex retried along a long run).
    const end = out.trimEnd().length;
    out = out.slice(0, end) + marker + out.slice(end);
  };
  const closeStars = () => {
    if (stars) close(STARS[stars]);
    stars = 0;
  };
  for (const run of line) {
    const wantUnderline = !!run.underline;
    const wantStars = (run.bold ? 2 : 0) | (run.italic ? 1 : 0);
    if (underline && !wantUnderline) {
      closeStars();
      close('_');
      underline = false;
    }
    // Underline is the outer marker: to open it, any open stars close first and reopen inside.
    if (stars !== wantStars || (wantUnderline && !underline)) closeStars();
    let text = run.text.replace(/[\\*_]/g, (c) => '\\' + c);
    const opening = (wantUnderline && !underline) || (wantStars !== 0 && stars !== wantStars);
    if (opening) {
      const lead = text.length - text.trimStart().length;
      out += text.slice(0, lead);
      text = text.slice(lead);
      if (text === '') continue; // whitespace alone carries no visible style
      if (wantUnderline && !underline) out += '_';
      if (wantStars !== stars) out += STARS[wantStars];
      underline = wantUnderline;
      stars = wantStars;
    }
    out += text;
  }
  closeStars();
  if (underline) close('_');
  return out;
}

const STARS = ['', '*', '**', '***'];

/**
 * Final Draft's title page is free text, so its keys are inferred the way a reader would: the
 * first centred block is the title, a "by" line the credit, the next centred block the author,
 * a "based on" block the source; left-aligned blocks near the bottom are contact details, a
 * date or a line naming a draft is the draft date, a © line the copyright.
 */
function titlePageLines(paragraphs: TitleParagraph[]): string[] {
  const groups: { alignment: string; lines: string[] }[] = [];
  let open: { alignment: string; lines: string[] } | undefined;
  for (const p of paragraphs) {
    const line = markup(p.runs).trim();
    if (line === '') {
      open = undefined;
      continue;
    }
    const alignment = p.alignment === 'Center' ? 'Center' : p.alignment === 'Right' ? 'Right' : 'Left';
    if (!open || open.alignment !== alignment) groups.push((open = { alignment, lines: [] }));
    open.lines.push(line);
  }
  const fields: [string, string[]][] = [];
  const has = (key: string) => fields.some(([k]) => k === key);
  for (const group of groups) {
    const text = group.lines.join(' ');
    let key: string;
    if (group.alignment === 'Center') {
      if (/^(\(c\)|©|copyright)/i.test(text)) key = 'Copyright';
      else if (!has('Title')) key = 'Title';
      else if (!has('Credit') && !has('Author') && /^((written|screenplay|story|teleplay)\s+)?by\b/i.test(text)) key = 'Credit';
      else if (!has('Author') && !/^(based on|adapted from)\b/i.test(text)) key = 'Author';
      else if (!has('Source')) key = 'Source';
      else key = 'Notes';
    } else if (/^(\(c\)|©|copyright)/i.test(text)) key = 'Copyright';
    else if (/\bdraft\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b(19|20)\d\d\b/i.test(text) && !has('Draft date')) key = 'Draft date';
    else key = 'Contact';
    const existing = fields.find(([k]) => k === key);
    if (existing) existing[1].push(...group.lines);
    else fields.push([key, [...group.lines]]);
  }
  return fields.flatMap(([key, lines]) => (lines.length === 1 ? [`${key}: ${lines[0]}`] : [`${key}:`, ...lines.map((l) => `    ${l}`)]));
}

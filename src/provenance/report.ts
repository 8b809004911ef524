import type { FountainDocument } from '../fountain';
import type { StoryLayout } from '../story/storyReader';
import type { Authorship } from './authorship';
import { addTally, attributeWords, emptyTally, tallyWords } from './classify';
import type { Tally } from './classify';
import { editMeasure } from './editMeasure';
import type { EditMeasure } from './editMeasure';
import { modelUses } from './record';
import type { ModelUse } from './record';
import { LEVELS, levelRanges, storyRegions } from './regions';
import type { Level } from './regions';

/**
 * Who wrote what, in figures a writer can hand to a guild, a producer or a copyright office:
 * words per level and per scene by the writer, by the model verbatim and by the model then edited,
 * Dramatron's edit measure, the models used with dates, and a plain-language summary.
 */
export interface SceneFigures extends Tally {
  heading: string;
}

export interface AuthorshipReport {
  file?: string;
  generatedAt: string;
  total: Tally;
  levels: Record<Level, Tally>;
  scenes: SceneFigures[];
  models: ModelUse[];
  editMeasure: EditMeasure;
  summary: string;
}

export function buildReport(text: string, doc: FountainDocument, authorship: Authorship, history: readonly ModelUse[], options: { file?: string; now?: Date; layout?: StoryLayout } = {}): AuthorshipReport {
  const regions = storyRegions(text, doc, options.layout);
  const levels = {} as Record<Level, Tally>;
  const total = emptyTally();
  for (const level of LEVELS) {
    const t = emptyTally();
    for (const r of levelRanges(regions, level)) addTally(t, tallyWords(attributeWords(text, authorship, r.start, r.end)));
    levels[level] = t;
    addTally(total, t);
  }
  const scenes = regions.scenes.map((s) => ({ heading: s.heading, ...tallyWords(attributeWords(text, authorship, s.body.start, s.body.end)) }));
  const models = modelUses(history, authorship.origins.values());
  const measure = editMeasure(text, authorship);
  const report = { file: options.file, generatedAt: (options.now ?? new Date()).toISOString(), total, levels, scenes, models, editMeasure: measure, summary: '' };
  report.summary = summarize(report);
  return report;
}

export const LEVEL_NAMES: Record<Level, string> = { title: 'title', logline: 'logline', bible: 'story bible (characters and places)', beats: 'beats (scene headings, synopses, acts)', scenes: 'scene text', other: 'other text' };

function percent(part: number, whole: number): string {
  if (!whole) return '0%';
  const p = (100 * part) / whole;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

function words(n: number): string {
  return `${n} word${n === 1 ? '' : 's'}`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function summarize(r: Omit<AuthorshipReport, 'summary'>): string {
  const t = r.total;
  const ai = t.model + t.modelEdited;
  const parts: string[] = [];
  parts.push(`The screenplay${r.file ? ` "${r.file}"` : ''} has ${t.words} words.`);
  parts.push(
    `Human contribution: the writer wrote ${t.writer} of them (${percent(t.writer, t.words)})${t.pasted ? `, of which ${t.pasted} were pasted in` : ''}, and revised a further ${words(t.modelEdited)} (${percent(t.modelEdited, t.words)}) that began as AI-generated text.`,
  );
  if (!ai) parts.push('No AI-generated text remains in the screenplay.');
  else {
    const where = LEVELS.filter((l) => r.levels[l].model + r.levels[l].modelEdited > 0).map((l) => `${LEVEL_NAMES[l]} ${percent(r.levels[l].model + r.levels[l].modelEdited, r.levels[l].words)}`);
    parts.push(`AI-generated material: ${words(t.model)} (${percent(t.model, t.words)}) ${t.model === 1 ? 'is' : 'are'} exactly as an AI model generated them; by level: ${where.join(', ')} AI-originated.`);
    const m = r.editMeasure;
    parts.push(`The writer changed the AI-generated text by an edit distance of ${percent(m.editDistance, m.modelCharacters)} of its length${m.deletedModelWords ? ` and deleted ${words(m.deletedModelWords)} it proposed` : ''}.`);
  }
  if (r.models.length) parts.push(`Models used: ${r.models.map((m) => `${m.model} (${day(m.first) === day(m.last) ? day(m.first) : `${day(m.first)} to ${day(m.last)}`})`).join(', ')}.`);
  return parts.join(' ');
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** The report as Markdown: summary first, then the figures behind it. */
export function reportMarkdown(r: AuthorshipReport): string {
  const out: string[] = [];
  out.push(`# Authorship report${r.file ? `: ${r.file}` : ''}`, '', `Generated ${r.generatedAt.replace('T', ' ').slice(0, 16)} UTC by Dramaturge.`, '', '## Summary', '', r.summary, '');
  out.push('## Words by level', '', row(['Level', 'Words', 'Writer', 'Model, verbatim', 'Model, then edited', 'Pasted']), row(['---', '---:', '---:', '---:', '---:', '---:']));
  for (const l of LEVELS) {
    const t = r.levels[l];
    if (t.words) out.push(row([LEVEL_NAMES[l], t.words, t.writer, t.model, t.modelEdited, t.pasted]));
  }
  out.push(row(['**Total**', r.total.words, r.total.writer, r.total.model, r.total.modelEdited, r.total.pasted]), '');
  if (r.scenes.length) {
    out.push('## Words by scene', '', row(['#', 'Scene', 'Words', 'Writer', 'Model, verbatim', 'Model, then edited']), row(['---:', '---', '---:', '---:', '---:', '---:']));
    r.scenes.forEach((s, i) => out.push(row([i + 1, s.heading, s.words, s.writer, s.model, s.modelEdited])));
    out.push('');
  }
  out.push('## How much the writer changed the model\'s text', '');
  const m = r.editMeasure;
  out.push(`Edit distance ÷ length of the model's text (Dramatron's measure): **${m.ratio.toFixed(2)}** (${m.editDistance} edits over ${m.modelCharacters} characters). Model words deleted: ${m.deletedModelWords}.`, '');
  out.push('## Models used', '');
  if (!r.models.length) out.push('None.', '');
  else {
    out.push(row(['Model', 'First used', 'Last used']), row(['---', '---', '---']));
    for (const u of r.models) out.push(row([u.model, u.first, u.last]));
    out.push('');
  }
  out.push(
    '## How this was measured',
    '',
    'Dramaturge records the exact text of every AI answer the writer accepts, with model, seed and prompt hash, and follows each character through every later edit. A word is *model, verbatim* when every letter is still as the model wrote it; *model, then edited* when the writer changed part of it; *writer* otherwise, including anything typed, pasted, or whose origin is unknown. Edits made outside Dramaturge are reconciled against the last known text; new text there counts as the writer\'s.',
    '',
  );
  return out.join('\n');
}

import { parseEmphasis, toRuns } from '../print/styledText';
import type { TextRun as StyledRun } from '../print/types';
import { isDual, type Script, type ScriptParagraph, type TitleField } from './script';
import { xmlAttribute, xmlText } from './xmlText';

/**
 * Final Draft 8 wrote `Version="1"`; every later Final Draft opens it. Nothing here needs a newer
 * feature (dual dialogue and scene summaries are both Final Draft 8).
 */
const FDX_VERSION = '1';

/** Serialises a script as a Final Draft document (`.fdx`, XML in UTF-8). */
export function writeFdx(script: Script): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>',
    `<FinalDraft DocumentType="Script" Template="No" Version="${FDX_VERSION}">`,
    '  <Content>',
  ];
  for (const block of script.body) {
    if (isDual(block)) {
      out.push(`    <Paragraph${block.startsNewPage ? ' StartsNewPage="Yes"' : ''}>`, '      <DualDialogue>');
      for (const paragraph of [...block.dual[0], ...block.dual[1]]) out.push('        ' + paragraphXml(paragraph));
      out.push('      </DualDialogue>', '    </Paragraph>');
    } else out.push('    ' + paragraphXml(block));
  }
  out.push('  </Content>');
  if (script.titlePage.length > 0) out.push(...titlePageXml(script.titlePage));
  out.push('</FinalDraft>', '');
  return out.join('\n');
}

function paragraphXml(paragraph: ScriptParagraph): string {
  let attributes = `Type="${paragraph.type}"`;
  if (paragraph.centered) attributes += ' Alignment="Center"';
  if (paragraph.number !== undefined) attributes += ` Number="${xmlAttribute(paragraph.number)}"`;
  if (paragraph.startsNewPage) attributes += ' StartsNewPage="Yes"';
  const summary =
    paragraph.summary === undefined ? '' : `<SceneProperties><Summary><Paragraph Type="General"><Text>${xmlText(paragraph.summary)}</Text></Paragraph></Summary></SceneProperties>`;
  return `<Paragraph ${attributes}>${summary}${linesXml(paragraph.lines)}</Paragraph>`;
}

/** Line breaks inside a paragraph are newlines in its text, as Final Draft writes them. */
function linesXml(lines: StyledRun[][]): string {
  let xml = '';
  lines.forEach((line, i) => {
    const runs = line.length > 0 ? line.map((run) => ({ ...run })) : [{ text: '' }];
    if (i < lines.length - 1) runs[runs.length - 1].text += '\n';
    for (const run of runs) if (run.text !== '') xml += textXml(run);
  });
  return xml === '' ? '<Text></Text>' : xml;
}

function textXml(run: StyledRun): string {
  const styles = [run.bold && 'Bold', run.italic && 'Italic', run.underline && 'Underline'].filter(Boolean).join('+');
  return `<Text${styles ? ` Style="${styles}"` : ''}>${xmlText(run.text)}</Text>`;
}

/**
 * Final Draft's title page is free text; it is laid out here the way its own template does:
 * title, credit, author and source centred in the upper half, contact and draft details at
 * the bottom left. Keys it has no place for (a logline, custom keys) are left out.
 */
const CENTRED_KEYS = ['title', 'credit', 'author', 'authors', 'source'];
const BOTTOM_KEYS = ['draft date', 'date', 'contact', 'notes', 'copyright', 'revision'];
/** Blank lines above the title: it sits about a third of the way down, as on a printed page. */
const LINES_ABOVE_TITLE = 16;
const LINES_ABOVE_CONTACT = 18;

function titlePageXml(fields: readonly TitleField[]): string[] {
  const find = (keys: string[]) => keys.flatMap((key) => fields.filter((f) => f.key.toLowerCase() === key));
  const out: string[] = ['  <TitlePage>', '    <Content>'];
  const empty = (n: number) => {
    for (let i = 0; i < n; i++) out.push('      <Paragraph Alignment="Left"><Text></Text></Paragraph>');
  };
  empty(LINES_ABOVE_TITLE);
  find(CENTRED_KEYS).forEach((field, i) => {
    if (i > 0) empty(1);
    for (const line of field.lines) out.push(`      <Paragraph Alignment="Center">${linesXml([toRuns(parseEmphasis(line))])}</Paragraph>`);
  });
  const bottom = find(BOTTOM_KEYS);
  if (bottom.length > 0) empty(LINES_ABOVE_CONTACT);
  bottom.forEach((field, i) => {
    if (i > 0) empty(1);
    for (const line of field.lines) out.push(`      <Paragraph Alignment="Left">${linesXml([toRuns(parseEmphasis(line))])}</Paragraph>`);
  });
  out.push('    </Content>', '  </TitlePage>');
  return out;
}

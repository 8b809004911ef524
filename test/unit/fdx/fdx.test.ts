import * as assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import { FountainDocument } from '../../../src/fountain';
import { FdxError, MAX_FDX_CHARS, fdxToFountain, fountainToFdx, readFdx } from '../../../src/fdx';
import { bigFish, corpusFile } from '../../support/corpus';
import { printedElements } from './printedElements';

/** A minimal independent tree of the XML (strict parser), to count and inspect elements. */
interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

function parseXml(xml: string): Node {
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  const root: Node = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (tag) => {
    const node: Node = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => (stack[stack.length - 1].text += t));
  parser.on('closetag', () => stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root.children[0];
}

function all(node: Node, name: string): Node[] {
  const found: Node[] = [];
  const walk = (n: Node) => {
    if (n.name === name) found.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return found;
}

function bodyParagraphs(root: Node): Node[] {
  const content = root.children.find((c) => c.name === 'Content')!;
  return content.children.flatMap((p) => {
    const dual = p.children.find((c) => c.name === 'DualDialogue');
    return dual ? dual.children : [p];
  });
}

const textOf = (p: Node) => all(p, 'Text').filter((t) => !isInSummary(p, t)).map((t) => t.text).join('');
function isInSummary(paragraph: Node, text: Node): boolean {
  return all(paragraph, 'SceneProperties').some((sp) => all(sp, 'Text').includes(text));
}

const CORPUS = ['brick-and-steel.fountain', 'big-fish.fountain'];

describe('Final Draft export', function () {
  // Big Fish round trips take a few hundred milliseconds; a shared, busy machine may need more.
  this.timeout(60_000);
  for (const name of CORPUS) {
    describe(name, () => {
      const text = corpusFile(name);
      const doc = FountainDocument.parse(text);
      const xml = fountainToFdx(doc);
      const root = parseXml(xml);
      const paragraphs = bodyParagraphs(root);
      const ofType = (type: string) => paragraphs.filter((p) => p.attributes.Type === type);

      it('is well-formed XML with a FinalDraft Script root', () => {
        assert.equal(root.name, 'FinalDraft');
        assert.equal(root.attributes.DocumentType, 'Script');
        assert.equal(root.attributes.Template, 'No');
        assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"'));
      });

      it("has as many headings, cues, parentheticals, transitions and dual pairs as the parser finds", () => {
        const lines = doc.lines;
        const count = (type: string) => lines.filter((l) => l.type === type).length;
        assert.equal(ofType('Scene Heading').length, doc.outline.allScenes.length);
        assert.equal(ofType('Character').length, [...doc.characters.values()].reduce((n, c) => n + c.cues, 0));
        assert.equal(ofType('Parenthetical').length, count('parenthetical'));
        assert.equal(ofType('Transition').length, count('transition'));
        assert.equal(all(root, 'DualDialogue').length, lines.filter((_, i) => doc.isDualLeft(i)).length);
        // every speech has its dialogue: one Dialogue paragraph per run of dialogue lines
        const dialogueRuns = lines.filter((l, i) => (l.type === 'dialogue' || l.type === 'lyric') && !['dialogue', 'lyric'].includes(lines[i - 1]?.type)).length;
        assert.equal(ofType('Dialogue').length, dialogueRuns);
      });

      it('keeps scene numbers and headings without their markup', () => {
        const headings = ofType('Scene Heading');
        doc.outline.allScenes.forEach((scene, i) => {
          assert.equal(textOf(headings[i]), scene.headingText);
          assert.equal(headings[i].attributes.Number, scene.sceneNumber);
        });
      });

      it('reads back to Fountain with the same printed elements in the same order', () => {
        const back = fdxToFountain(xml);
        assert.deepEqual(printedElements(back), printedElements(text));
      });

      it('keeps the title page fields', () => {
        const titleTexts = all(root.children.find((c) => c.name === 'TitlePage')!, 'Text').map((t) => t.text).filter(Boolean);
        for (const entry of doc.titlePage.filter((e) => /^(title|credit|author|source|draft date|contact)$/i.test(e.key))) {
          for (const line of entry.value.split('\n')) assert.ok(titleTexts.includes(line.trim().replace(/[_*]/g, '')), `${entry.key}: ${line}`);
        }
      });
    });
  }

  it('writes emphasis as Text styles, centred text, page breaks, dual dialogue and scene summaries', () => {
    const script = [
      'Title: **The Lamp**',
      'Author: Ann Writer',
      'Logline: never printed',
      '',
      '# Characters',
      '',
      '[[ELENA: a keeper]]',
      '',
      'INT. LIGHTHOUSE - NIGHT #7A#',
      '',
      '= Elena finds the lamp dark.',
      '',
      'She climbs. *Slowly.* **Very** _slowly_. [[a note]]',
      '',
      '> THE END <',
      '',
      '===',
      '',
      'ELENA',
      'Hello?',
      '',
      'TOM ^',
      'Up here.',
      '',
      'CUT TO:',
      '',
    ].join('\n');
    const xml = fountainToFdx(FountainDocument.parse(script));
    assert.equal(
      xml.slice(xml.indexOf('<Content>'), xml.indexOf('</Content>') + 10),
      [
        '<Content>',
        '    <Paragraph Type="Scene Heading" Number="7A"><SceneProperties><Summary><Paragraph Type="General"><Text>Elena finds the lamp dark.</Text></Paragraph></Summary></SceneProperties><Text>INT. LIGHTHOUSE - NIGHT</Text></Paragraph>',
        '    <Paragraph Type="Action"><Text>She climbs. </Text><Text Style="Italic">Slowly.</Text><Text> </Text><Text Style="Bold">Very</Text><Text> </Text><Text Style="Underline">slowly</Text><Text>.</Text></Paragraph>',
        '    <Paragraph Type="Action" Alignment="Center"><Text>THE END</Text></Paragraph>',
        '    <Paragraph StartsNewPage="Yes">',
        '      <DualDialogue>',
        '        <Paragraph Type="Character"><Text>ELENA</Text></Paragraph>',
        '        <Paragraph Type="Dialogue"><Text>Hello?</Text></Paragraph>',
        '        <Paragraph Type="Character"><Text>TOM</Text></Paragraph>',
        '        <Paragraph Type="Dialogue"><Text>Up here.</Text></Paragraph>',
        '      </DualDialogue>',
        '    </Paragraph>',
        '    <Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>',
        '  </Content>',
      ].join('\n'),
    );
    assert.ok(!xml.includes('never printed'), 'a key Final Draft has no place for is left out');
    assert.ok(!xml.includes('keeper') && !xml.includes('a note'), 'notes (the story bible) are left out');
    assert.ok(xml.includes('<Paragraph Alignment="Center"><Text Style="Bold">The Lamp</Text></Paragraph>'));
    // and back: the same script, less what Final Draft cannot hold
    assert.equal(
      fdxToFountain(xml),
      [
        'Title: **The Lamp**',
        'Author: Ann Writer',
        '',
        'INT. LIGHTHOUSE - NIGHT #7A#',
        '',
        '= Elena finds the lamp dark.',
        '',
        'She climbs. *Slowly.* **Very** _slowly_.',
        '',
        '> THE END <',
        '',
        '===',
        '',
        'ELENA',
        'Hello?',
        '',
        'TOM ^',
        'Up here.',
        '',
        'CUT TO:',
        '',
      ].join('\n'),
    );
  });

  it('writes a one-line paragraph in capitals as a Shot, as the page layout reads it', () => {
    const xml = fountainToFdx(FountainDocument.parse('INT. HOUSE - DAY\n\nCLOSE ON THE LAMP.\n\nIt flickers.\n'));
    assert.ok(xml.includes('<Paragraph Type="Shot"><Text>CLOSE ON THE LAMP.</Text></Paragraph>'));
    assert.ok(xml.includes('<Paragraph Type="Action"><Text>It flickers.</Text></Paragraph>'));
  });

  it('escapes markup characters and replaces characters XML cannot hold', () => {
    const xml = fountainToFdx(FountainDocument.parse('A <b>bold</b> & "quoted" line with a bell \u0007 in it.\n'));
    assert.doesNotThrow(() => parseXml(xml));
    assert.ok(xml.includes('A &lt;b&gt;bold&lt;/b&gt; &amp; "quoted" line with a bell \uFFFD in it.'));
  });
});

describe('Final Draft import', function () {
  this.timeout(60_000);
  const fdx = (content: string, title = '') =>
    `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n<FinalDraft DocumentType="Script" Template="No" Version="5">\n<Content>${content}</Content>${title}<ElementSettings Type="Action"><FontSpec Font="Courier Final Draft"/></ElementSettings></FinalDraft>`;
  const p = (type: string, text: string, attrs = '') => `<Paragraph Type="${type}"${attrs}><Text Font="Courier Final Draft" Size="12">${text}</Text></Paragraph>`;

  it('forces what plain Fountain would misread, and skips script notes and headers', () => {
    const xml = fdx(
      p('Scene Heading', 'FLASHBACK') +
        p('Action', 'ANGRY MOB\nrushes in.') +
        p('Shot', 'CLOSE ON THE LAMP') +
        p('Character', 'McCLANE') +
        p('Parenthetical', 'quietly') +
        p('Dialogue', 'Yippee *ki* yay.') +
        p('Transition', 'Slow fade') +
        `<Paragraph Type="Action"><ScriptNote><Paragraph><Text>not script text</Text></Paragraph></ScriptNote><Text>INT. is how it starts.</Text></Paragraph>` +
        p('General', 'The end.'),
    );
    assert.equal(
      fdxToFountain(xml),
      [
        '.FLASHBACK',
        '',
        '!ANGRY MOB',
        'rushes in.',
        '',
        'CLOSE ON THE LAMP',
        '',
        '@McCLANE',
        '(quietly)',
        'Yippee \\*ki\\* yay.',
        '',
        '> Slow fade',
        '',
        '!INT. is how it starts.',
        '',
        'The end.',
        '',
      ].join('\n'),
    );
  });

  it('reads each forced element back as its Final Draft type', () => {
    const xml = fdx(p('Scene Heading', 'FLASHBACK') + p('Action', 'ANGRY MOB\nrushes in.') + p('Character', 'McCLANE') + p('Dialogue', 'Hi.') + p('Transition', 'Slow fade'));
    const types = FountainDocument.parse(fdxToFountain(xml))
      .lines.filter((l) => l.type !== 'blank')
      .map((l) => l.type);
    assert.deepEqual(types, ['sceneHeading', 'action', 'action', 'character', 'dialogue', 'transition']);
  });

  it('infers title-page keys from a Final Draft title page', () => {
    const title = (align: string, text: string) => `<Paragraph Alignment="${align}"><Text>${text}</Text></Paragraph>`;
    const empty = '<Paragraph Alignment="Left"><Text></Text></Paragraph>';
    const xml = fdx(
      p('Action', 'Hi.'),
      `<TitlePage><Content>${empty}${title('Center', 'THE LAMP')}${empty}${title('Center', 'Written by')}${empty}${title('Center', 'Ann Writer')}${empty}${title('Left', 'ann@example.com')}${title('Left', '555-0100')}${empty}${title('Right', 'Blue draft 3/4/2026')}</Content></TitlePage>`,
    );
    assert.equal(
      fdxToFountain(xml),
      ['Title: THE LAMP', 'Credit: Written by', 'Author: Ann Writer', 'Contact:', '    ann@example.com', '    555-0100', 'Draft date: Blue draft 3/4/2026', '', 'Hi.', ''].join('\n'),
    );
  });

  describe('refuses bad input with a clear error', () => {
    const refuses = (xml: string, message: RegExp) => assert.throws(() => fdxToFountain(xml), (e: unknown) => e instanceof FdxError && message.test(e.message));

    it('malformed XML, naming the line', () => refuses('<FinalDraft>\n<Content>\n<Paragraph>\n</Content>', /line|Not a readable/));
    it('another XML document', () => refuses('<html><body/></html>', /root element is <html>/));
    it('binary data', () => refuses('\u0000\u0001PK\u0003\u0004garbage', /Not a readable Final Draft file/));
    it('an empty file', () => refuses('', /Not a readable|not <FinalDraft>/));
    it('an entity bomb (DOCTYPE)', () =>
      refuses(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><FinalDraft><Content><Paragraph Type="Action"><Text>&lol2;</Text></Paragraph></Content></FinalDraft>',
        /DOCTYPE/,
      ));
    it('an undeclared entity', () => refuses('<FinalDraft><Content><Paragraph Type="Action"><Text>&xxe;</Text></Paragraph></Content></FinalDraft>', /entity/i));
    it('a file far larger than any script', () => refuses('<FinalDraft>' + ' '.repeat(MAX_FDX_CHARS), /MB/));
  });

  it('reads Big Fish ×8 (1.1 MB of script) back to the same elements', () => {
    const text = bigFish(8);
    const back = fdxToFountain(fountainToFdx(FountainDocument.parse(text)));
    assert.deepEqual(printedElements(back).length, printedElements(text).length);
    assert.equal(readFdx(fountainToFdx(FountainDocument.parse(back))).body.length, readFdx(fountainToFdx(FountainDocument.parse(text))).body.length);
  });
});

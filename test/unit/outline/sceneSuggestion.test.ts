import * as assert from 'assert';
import { FountainDocument } from '../../../src/fountain';
import { readStory } from '../../../src/story';
import { cleanSuggestion, sceneSuggestionContext, sceneSuggestionPrompt } from '../../../src/story/sceneSuggestionPrompt';
import { suggestionLead } from '../../../src/vscode/inlineSuggestions/placement';

const SCRIPT = [
  'Title: Harbour',
  'Logline: Two sisters and one boat.',
  '',
  '# Characters',
  '',
  '[[NELL (Nell): the keeper, stubborn]]',
  '',
  '[[ADA: her sister, back from the city]]',
  '',
  '# Places',
  '',
  '[[HARBOUR: a stone quay in the fog]]',
  '',
  '# Act One',
  '',
  'EXT. HARBOUR - DAWN',
  '= Ada asks Nell for the boat.',
  '',
  'Fog over the quay.',
  '',
  'NELL',
  'You came back.',
  '',
  '[[a note about the boat]]',
  '',
  '/* cut: a longer speech */',
  '',
].join('\n');

describe('inline scene suggestions (pure parts)', () => {
  const doc = FountainDocument.parse(SCRIPT);
  const story = readStory(SCRIPT);

  it('builds the context from the beat, place, characters present and the lines before the cursor', () => {
    const context = sceneSuggestionContext(doc, 22, 0, story)!;
    assert.strictEqual(context.beat, 'Ada asks Nell for the boat.');
    assert.strictEqual(context.placeName, 'HARBOUR');
    assert.strictEqual(context.placeDescription, 'a stone quay in the fog');
    assert.deepStrictEqual(context.characters, [
      { name: 'NELL', description: 'the keeper, stubborn' },
      { name: 'ADA', description: 'her sister, back from the city' },
    ]);
    assert.strictEqual(context.before, 'Fog over the quay.\n\nNELL\nYou came back.');
    const prompt = sceneSuggestionPrompt(context);
    assert.strictEqual(prompt.level, 'inline');
    assert.match(prompt.messages[1].content, /Beat: Ada asks Nell for the boat\.[\s\S]*- ADA: her sister[\s\S]*You came back\./);
  });

  it('never suggests in the title page, a section, a note, the boneyard or a heading', () => {
    assert.strictEqual(suggestionLead(doc, 0, 5), undefined, 'title page');
    assert.strictEqual(suggestionLead(doc, 13, 9), undefined, 'section');
    assert.strictEqual(suggestionLead(doc, 15, 19), undefined, 'heading');
    assert.strictEqual(suggestionLead(doc, 23, 10), undefined, 'note');
    assert.strictEqual(suggestionLead(doc, 25, 10), undefined, 'boneyard');
    assert.strictEqual(suggestionLead(doc, 18, 5), undefined, 'mid-line');
    assert.strictEqual(suggestionLead(doc, 5, 0), undefined, 'outside any scene (the bible)');
  });

  it('joins the suggestion to the text before it', () => {
    assert.strictEqual(suggestionLead(FountainDocument.parse('INT. A - DAY\n\nAction.\n\n\n'), 4, 0), '', 'on a blank line after a blank line');
    assert.strictEqual(suggestionLead(doc, 19, 0), '\n', 'on a blank line right after a paragraph');
    assert.strictEqual(suggestionLead(doc, 21, 14), '\n\n', 'at the end of a dialogue line');
    assert.strictEqual(suggestionLead(doc, 20, 4), '\n', 'after a cue');
  });

  it('keeps one action paragraph or one exchange, and nothing that starts a new scene', () => {
    assert.strictEqual(cleanSuggestion('Nell turns away.\n\nADA\nWait.\n<end>'), 'Nell turns away.');
    assert.strictEqual(cleanSuggestion('ADA\nI need the boat.\n\nNELL\n(quietly)\nNo.\n\nShe leaves.'), 'ADA\nI need the boat.\n\nNELL\n(quietly)\nNo.');
    assert.strictEqual(cleanSuggestion('```fountain\nThe fog lifts.\n```'), 'The fog lifts.');
    assert.strictEqual(cleanSuggestion('INT. BOAT - DAY\n\nWaves.'), '');
  });

  it('drops the chat preamble, as scene drafts do (the issue: "Sure! Here\'s a draft…" went in with Tab)', () => {
    const preamble = "Sure! Here's a draft of the scene, keeping the tone you described:";
    assert.strictEqual(cleanSuggestion(`${preamble}\n\nNell turns the lamp key. Nothing.\n<end>`), 'Nell turns the lamp key. Nothing.');
    assert.strictEqual(cleanSuggestion(`Certainly. Here is the next line:\n\`\`\`fountain\nADA\nGive me the boat.\n\`\`\`\nLet me know if you want more!`), 'ADA\nGive me the boat.');
    // A reply that is nothing but a preamble offers nothing.
    assert.strictEqual(cleanSuggestion(preamble), '');
    // Not preambles: an action line that starts with one of those words, and a line of dialogue.
    assert.strictEqual(cleanSuggestion('Great waves break over the quay.'), 'Great waves break over the quay.');
    assert.strictEqual(cleanSuggestion('NELL\nOkay.'), 'NELL\nOkay.');
  });

  it('turns a chat-style line into a cue with the cast names, like scene drafts', () => {
    assert.strictEqual(cleanSuggestion('Nell: You came back for the boat.', ['NELL', 'ADA']), 'NELL\nYou came back for the boat.');
  });

  it('keeps only what a reply cut off at the token limit finished', () => {
    assert.strictEqual(cleanSuggestion('Nell turns the key. The lamp stutters, then', [], true), 'Nell turns the key.');
    assert.strictEqual(cleanSuggestion('Fog rolls in.\n\nADA\nI only came for the', [], true), 'Fog rolls in.');
    // Cut in its first sentence: nothing to offer, not half a sentence and not a lone cue.
    assert.strictEqual(cleanSuggestion('ADA\nI only came for the', [], true), '');
    assert.strictEqual(cleanSuggestion('The fog rolls over the', [], true), '');
    // The same text, not cut off, is kept whole.
    assert.strictEqual(cleanSuggestion('The fog rolls over the', [], false), 'The fog rolls over the');
  });
});

import type { Prompt } from '../../../story/prompts';

/** "Rewrite Selection": the passage, the writer's instruction, and the story it belongs to. */
export function rewritePrompt(passage: string, instruction: string, logline: string): Prompt {
  const system =
    'You are a script doctor revising a screenplay written in Fountain. Rewrite only the passage you are given, following the instruction. ' +
    'Keep Fountain formatting: character cues in uppercase on their own line, dialogue under them, action as plain paragraphs, no markdown. ' +
    'Answer with the rewritten passage only: no preamble, no explanation, no code fences.';
  const story = logline ? `The story: ${logline}\n\n` : '';
  return {
    level: 'rewrite',
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: `${story}Instruction: ${instruction}\n\nPassage:\n${passage}` },
    ],
  };
}

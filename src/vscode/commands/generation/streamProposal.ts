import * as vscode from 'vscode';
import type { ChatModel, ChatResult } from '../../../llm/chatModel';
import type { Prompt } from '../../../story/prompts';
import { contentHash } from '../../../story/hash';
import { cleanReply } from '../../../story/parsers';
import { maxCharsFor } from '../../../story/answerLimits';
import type { AnswerLimits } from '../../../story/answerLimits';
import type { ReviewController } from '../../review/reviewController';

export interface StreamTarget {
  label: string;
  start: number;
  end: number;
  /** Document text kept around the model's words (blank lines an insertion needs). */
  prefix: string;
  suffix: string;
}

/**
 * Streams a reply into a proposal as it arrives. The proposal exists from the first word and is
 * reviewable (Accept/Reject) only once the reply is complete and parsed by `finish`; a cancel or
 * a failure removes it, so nothing partial ever reaches the document. With `check`, an answer that
 * is not what was asked (see story/answerChecks.ts) is never shown for review: it is asked again
 * once, and the second answer is proposed, with a warning on it if it is still off.
 */
export async function streamIntoProposal(
  review: ReviewController,
  document: vscode.TextDocument,
  model: ChatModel,
  prompt: Prompt,
  target: StreamTarget,
  finish: (raw: string, result: ChatResult) => string,
  signal: AbortSignal,
  limits?: AnswerLimits,
  check?: (text: string) => string[],
): Promise<boolean> {
  // Models answer with \n; in a CRLF script that would leave mixed line endings once accepted.
  const native = document.eol === vscode.EndOfLine.CRLF ? (text: string) => text.replace(/\r?\n/g, '\r\n') : (text: string) => text;
  for (let attempt = 0; ; attempt++) {
    const proposal = review.propose(document, { label: target.label, start: target.start, end: target.end, text: target.prefix + target.suffix, streaming: true });
    try {
      // A resample at the same temperature often repeats itself: nudge it up, as the engine does.
      const stream = model.stream({ messages: prompt.messages, level: prompt.level, stop: prompt.stop, maxTokens: prompt.maxTokens, shape: prompt.shape, maxChars: maxCharsFor(prompt.level, limits), ...(attempt > 0 ? { temperature: 1 } : {}) }, signal);
      let raw = '';
      for await (const delta of stream) {
        raw += delta;
        if (!review.isOpen(proposal)) return false;
        review.update(proposal, target.prefix + native(cleanReply(raw)) + target.suffix);
      }
      const result = await stream.result;
      if (signal.aborted || !review.isOpen(proposal)) {
        review.discard(proposal);
        return false;
      }
      const text = finish(result.text || raw, result);
      const problems = check?.(text) ?? [];
      if (problems.length && attempt === 0) {
        review.discard(proposal);
        continue;
      }
      if (problems.length) proposal.warning = `Not as asked, even after a second try: ${problems.join('; ')}.`;
      proposal.source = { model: result.model, promptHash: contentHash(prompt.messages), item: target.label };
      review.update(proposal, target.prefix + native(text) + target.suffix, false);
      return true;
    } catch (err) {
      review.discard(proposal);
      throw err;
    } finally {
      if (signal.aborted) review.discard(proposal);
    }
  }
}

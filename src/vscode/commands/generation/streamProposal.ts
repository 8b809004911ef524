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
 * a failure removes it, so nothing partial ever reaches the document.
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
): Promise<boolean> {
  // Models answer with \n; in a CRLF script that would leave mixed line endings once accepted.
  const native = document.eol === vscode.EndOfLine.CRLF ? (text: string) => text.replace(/\r?\n/g, '\r\n') : (text: string) => text;
  const proposal = review.propose(document, { label: target.label, start: target.start, end: target.end, text: target.prefix + target.suffix, streaming: true });
  try {
    const stream = model.stream({ messages: prompt.messages, level: prompt.level, stop: prompt.stop, maxTokens: prompt.maxTokens, shape: prompt.shape, maxChars: maxCharsFor(prompt.level, limits) }, signal);
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
    proposal.source = { model: result.model, promptHash: contentHash(prompt.messages), item: target.label };
    review.update(proposal, target.prefix + native(finish(result.text || raw, result)) + target.suffix, false);
    return true;
  } catch (err) {
    review.discard(proposal);
    throw err;
  } finally {
    if (signal.aborted) review.discard(proposal);
  }
}

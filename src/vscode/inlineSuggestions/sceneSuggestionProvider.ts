import * as vscode from 'vscode';
import type { ChatModel } from '../../llm/chatModel';
import type { Story } from '../../story';
import { contentHash } from '../../story/hash';
import { namesOf } from '../../story/characterMatch';
import { cleanSuggestion, sceneSuggestionContext, sceneSuggestionPrompt } from '../../story/sceneSuggestionPrompt';
import type { GhostTextOffer } from '../authorship/authorshipTracker';
import type { ModelSource } from '../review/reviewController';
import type { ScriptSessions } from '../scriptSessions';
import { suggestionLead } from './placement';

export type InlineSuggestionsMode = 'off' | 'automatic' | 'onDemand';

export interface SuggestionDeps {
  sessions: ScriptSessions;
  getChatModel: () => Promise<ChatModel>;
  mode: () => InlineSuggestionsMode;
  /** Shows a model failure to the writer (only for suggestions they asked for). */
  showError: (error: unknown) => void;
  /** Quiet time after typing before an automatic request (ms). */
  debounceMs?: () => number;
}

const DEFAULT_DEBOUNCE_MS = 400;
const CACHE_SIZE = 64;

/**
 * Ghost text that continues the scene under the cursor. Automatic mode debounces, keeps at most
 * one request per document in flight (a new one aborts the old), aborts when VS Code cancels
 * (the writer typed), and answers the same context from a small cache. On-demand mode answers only
 * an explicit trigger (`editor.action.inlineSuggest.trigger`), to respect the writer's cost.
 */
export class SceneSuggestionProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  private readonly inFlight = new Map<string, AbortController>();
  /** Answers by context; `text` is empty when the model had nothing to add. */
  private readonly cache = new Map<string, { text: string; source: ModelSource }>();
  private readonly offerEmitter = new vscode.EventEmitter<GhostTextOffer>();
  /** Fires with each suggestion shown, so that the authorship tracker knows it is the model's if taken. */
  readonly onDidOffer = this.offerEmitter.event;

  constructor(private readonly deps: SuggestionDeps) {}

  dispose(): void {
    this.offerEmitter.dispose();
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const mode = this.deps.mode();
    const invoked = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    if (mode === 'off' || (mode === 'onDemand' && !invoked)) return undefined;
    // Something else (the suggest widget) is offering text here: don't compete with it.
    if (context.selectedCompletionInfo) return undefined;

    const session = this.deps.sessions.get(document);
    const doc = session.model;
    const lead = suggestionLead(doc, position.line, position.character);
    if (lead === undefined) return undefined;
    const story = storyOf(() => session.read());
    const sceneContext = sceneSuggestionContext(doc, position.line, position.character, story);
    if (!sceneContext) return undefined;
    const prompt = sceneSuggestionPrompt(sceneContext);
    const key = `${document.uri.toString()}\n${prompt.messages.map((m) => m.content).join('\n')}`;

    const cached = this.cache.get(key);
    if (cached !== undefined) return cached.text ? [this.offer(document, position, lead + cached.text, cached.source)] : undefined;

    if (!invoked && !(await quiet(this.deps.debounceMs?.() ?? DEFAULT_DEBOUNCE_MS, token))) return undefined;

    const docKey = document.uri.toString();
    this.inFlight.get(docKey)?.abort();
    const controller = new AbortController();
    this.inFlight.set(docKey, controller);
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const model = await this.deps.getChatModel();
      if (controller.signal.aborted) return undefined;
      const result = await model.complete({ level: prompt.level, messages: prompt.messages, stop: prompt.stop, maxTokens: prompt.maxTokens, allowTruncated: true }, controller.signal);
      const text = result.finishReason === 'content_filter' ? '' : cleanSuggestion(result.text, castNames(story, sceneContext.characters), result.finishReason === 'length');
      const source: ModelSource = { model: result.model, promptHash: contentHash(prompt.messages), item: 'Ghost text' };
      this.remember(key, { text, source });
      if (token.isCancellationRequested || !text) return undefined;
      return [this.offer(document, position, lead + text, source)];
    } catch (error) {
      if (!controller.signal.aborted && invoked) this.deps.showError(error);
      return undefined;
    } finally {
      subscription.dispose();
      if (this.inFlight.get(docKey) === controller) this.inFlight.delete(docKey);
    }
  }

  private offer(document: vscode.TextDocument, position: vscode.Position, text: string, source: ModelSource): vscode.InlineCompletionItem {
    this.offerEmitter.fire({ document, start: document.offsetAt(position), text, source });
    return new vscode.InlineCompletionItem(text, new vscode.Range(position, position));
  }

  private remember(key: string, answer: { text: string; source: ModelSource }): void {
    this.cache.delete(key);
    this.cache.set(key, answer);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** Every name a speaker may go by, so a reply in chat form (`Nell: …`) becomes a proper cue. */
function castNames(story: Story | undefined, present: readonly { name: string }[]): string[] {
  return [...(story?.characters.flatMap(namesOf) ?? []), ...present.map((c) => c.name)];
}

/** The story bible from the script session (read once per version, whoever asks first). */
function storyOf(read: () => { story: Story }): Story | undefined {
  try {
    return read().story;
  } catch {
    return undefined; // a script the story reader can't follow still gets suggestions from its text
  }
}

/** Waits `ms`; false when the writer typed meanwhile (VS Code cancels the token). */
function quiet(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  if (token.isCancellationRequested) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(!token.isCancellationRequested);
    }, ms);
    const subscription = token.onCancellationRequested(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(false);
    });
  });
}

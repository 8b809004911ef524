import * as vscode from 'vscode';
import type { ChatModel } from '../../llm/chatModel';
import { readStoryFromDocument, type Story } from '../../story';
import { namesOf } from '../../story/characterMatch';
import { cleanSuggestion, sceneSuggestionContext, sceneSuggestionPrompt } from '../../story/sceneSuggestionPrompt';
import type { FountainDocuments } from '../fountainDocuments';
import { suggestionLead } from './placement';

export type InlineSuggestionsMode = 'off' | 'automatic' | 'onDemand';

export interface SuggestionDeps {
  documents: FountainDocuments;
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
export class SceneSuggestionProvider implements vscode.InlineCompletionItemProvider {
  private readonly inFlight = new Map<string, AbortController>();
  private readonly cache = new Map<string, string>();
  private readonly stories = new WeakMap<vscode.TextDocument, { version: number; story: Story | undefined }>();

  constructor(private readonly deps: SuggestionDeps) {}

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

    const doc = this.deps.documents.get(document);
    const lead = suggestionLead(doc, position.line, position.character);
    if (lead === undefined) return undefined;
    const story = this.story(document);
    const sceneContext = sceneSuggestionContext(doc, position.line, position.character, story);
    if (!sceneContext) return undefined;
    const prompt = sceneSuggestionPrompt(sceneContext);
    const key = `${document.uri.toString()}\n${prompt.messages.map((m) => m.content).join('\n')}`;

    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ? [item(lead + cached, position)] : undefined;

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
      this.remember(key, text);
      if (token.isCancellationRequested || !text) return undefined;
      return [item(lead + text, position)];
    } catch (error) {
      if (!controller.signal.aborted && invoked) this.deps.showError(error);
      return undefined;
    } finally {
      subscription.dispose();
      if (this.inFlight.get(docKey) === controller) this.inFlight.delete(docKey);
    }
  }

  /** The story bible, read again only when the document changed (not on every request). */
  private story(document: vscode.TextDocument): Story | undefined {
    const known = this.stories.get(document);
    if (known && known.version === document.version) return known.story;
    let story: Story | undefined;
    try {
      story = readStoryFromDocument(this.deps.documents.get(document)).story;
    } catch {
      story = undefined; // a script the story reader can't follow still gets suggestions from its text
    }
    this.stories.set(document, { version: document.version, story });
    return story;
  }

  private remember(key: string, text: string): void {
    this.cache.delete(key);
    this.cache.set(key, text);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** Every name a speaker may go by, so a reply in chat form (`Nell: …`) becomes a proper cue. */
function castNames(story: Story | undefined, present: readonly { name: string }[]): string[] {
  return [...(story?.characters.flatMap(namesOf) ?? []), ...present.map((c) => c.name)];
}

function item(text: string, position: vscode.Position): vscode.InlineCompletionItem {
  return new vscode.InlineCompletionItem(text, new vscode.Range(position, position));
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

import * as vscode from 'vscode';
import type { LayoutOptions } from '../print';

/**
 * Typed access to every `dramaturge.*` setting, in one place (rust-analyzer's `config.ts` model):
 * features ask for `config.diagnosticsEnabled`, never for a string key, so a renamed or
 * re-defaulted setting changes here and in package.json only. Getters read live values, so
 * nothing has to be invalidated when the user edits settings; features that cache a value
 * listen to `onDidChange`.
 */

export const CONFIG_SECTION = 'dramaturge';

/** Fully qualified keys, for `affectsConfiguration` checks and for tests. */
export const ConfigKeys = {
  parseDebounceMs: 'dramaturge.parse.debounceMs',
  diagnosticsEnabled: 'dramaturge.diagnostics.enabled',
  completionEnabled: 'dramaturge.completion.enabled',
  statusBarEnabled: 'dramaturge.statusBar.enabled',
  inlineSuggestionsMode: 'dramaturge.inlineSuggestions.mode',
  inlineSuggestionsDebounceMs: 'dramaturge.inlineSuggestions.debounceMs',
  showAIText: 'dramaturge.authorship.showAIText',
  printPaper: 'dramaturge.print.paper',
  printSceneNumbers: 'dramaturge.print.sceneNumbers',
  printContinued: 'dramaturge.print.continued',
  printWatermark: 'dramaturge.print.watermark',
  printFallbackFonts: 'dramaturge.print.fallbackFonts',
} as const;

export class Config {
  /**
   * Quiet time after the last keystroke before queued edits are applied to the parsed model and
   * the update event (diagnostics, status bar) fires. Clamped so a typo in settings cannot turn
   * parsing into a per-keystroke cost (0) or make diagnostics look dead (minutes).
   */
  get parseDebounceMs(): number {
    return clamp(this.read('parse.debounceMs', 200), 0, 5000);
  }

  get diagnosticsEnabled(): boolean {
    return this.read('diagnostics.enabled', true);
  }

  get completionEnabled(): boolean {
    return this.read('completion.enabled', true);
  }

  get statusBarEnabled(): boolean {
    return this.read('statusBar.enabled', true);
  }

  /** Ghost-text scene suggestions: never, as you pause typing, or only when asked (the default, to respect cost). */
  get inlineSuggestionsMode(): 'off' | 'automatic' | 'onDemand' {
    const mode: string = this.read('inlineSuggestions.mode', 'onDemand');
    return mode === 'off' || mode === 'automatic' ? mode : 'onDemand';
  }

  /** Automatic mode's quiet time after typing before it asks the model. */
  get inlineSuggestionsDebounceMs(): number {
    return clamp(this.read('inlineSuggestions.debounceMs', 400), 50, 5000);
  }

  /** Underline the words a model wrote (toggled by Show AI-Written Text). */
  get showAIText(): boolean {
    return this.read('authorship.showAIText', false);
  }

  /** Paper for PDF export and for the status bar's page count. */
  get printPaper(): 'letter' | 'a4' {
    return this.read<string>('print.paper', 'letter') === 'a4' ? 'a4' : 'letter';
  }

  get printSceneNumbers(): boolean {
    return this.read('print.sceneNumbers', false);
  }

  get printContinued(): boolean {
    return this.read('print.continued', false);
  }

  /** The page layout every printed view shares (PDF, status bar, preview), so their pages agree. */
  get printLayout(): LayoutOptions {
    return { paper: this.printPaper, sceneNumbers: this.printSceneNumbers, continued: this.printContinued };
  }

  /** The settings `printLayout` reads: a view that caches pages lays out again when one changes. */
  static readonly printLayoutKeys: readonly string[] = [ConfigKeys.printPaper, ConfigKeys.printSceneNumbers, ConfigKeys.printContinued];

  get printWatermark(): string {
    return this.read('print.watermark', '').trim();
  }

  /** Font files for characters the bundled Courier faces lack (CJK, Arabic…). */
  get printFallbackFonts(): string[] {
    const value = vscode.workspace.getConfiguration(CONFIG_SECTION).get<unknown>('print.fallbackFonts');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
  }

  /** Calls `listener` when any of `keys` (values of `ConfigKeys`) changes. */
  onDidChange(keys: readonly string[], listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (keys.some((key) => event.affectsConfiguration(key))) listener();
    });
  }

  private read<T>(key: string, fallback: T): T {
    const value = vscode.workspace.getConfiguration(CONFIG_SECTION).get<T>(key);
    // A hand-edited settings.json can hold any JSON; fall back rather than propagate a wrong type.
    return typeof value === typeof fallback ? (value as T) : fallback;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

import * as vscode from 'vscode';

/**
 * Which scenes a generation command is writing right now, per document, so the outline can show
 * them as "generating". The generation commands call `begin` when a request starts and dispose
 * what it returns when it ends (in a `finally`), whatever the outcome.
 */
export class GenerationActivity implements vscode.Disposable {
  private readonly active = new Map<string, Map<number, number>>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  /** Marks scene `sceneIndex` (0-based) of `uri` as being generated until the result is disposed. */
  begin(uri: vscode.Uri, sceneIndex: number): vscode.Disposable {
    const key = uri.toString();
    const scenes = this.active.get(key) ?? new Map<number, number>();
    this.active.set(key, scenes);
    scenes.set(sceneIndex, (scenes.get(sceneIndex) ?? 0) + 1);
    this.emitter.fire(uri);
    let done = false;
    return new vscode.Disposable(() => {
      if (done) return;
      done = true;
      const left = (scenes.get(sceneIndex) ?? 1) - 1;
      if (left > 0) scenes.set(sceneIndex, left);
      else scenes.delete(sceneIndex);
      if (scenes.size === 0) this.active.delete(key);
      this.emitter.fire(uri);
    });
  }

  /** Scene indexes being generated in `uri`. */
  scenes(uri: vscode.Uri): ReadonlySet<number> {
    return new Set(this.active.get(uri.toString())?.keys() ?? []);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

import * as vscode from 'vscode';
import { emptySidecar, parseSidecar, serializeSidecar, sidecarPath } from '../story/sidecar';
import type { Sidecar } from '../story/sidecar';

/**
 * Reads and writes the optional sidecar of each script, with one serialized writer per file:
 * every read-modify-write sees the previous one's result, so two quick Accepts never drop each
 * other's records. Only scripts on disk have one; a failure never touches the script.
 */
export class SidecarFiles {
  private readonly queues = new Map<string, Promise<void>>();

  /**
   * The sidecar as the last queued update leaves it: a read waits for the writes queued before it,
   * so it never sees a file half written (which would read as no sidecar at all) nor misses an
   * Accept just made.
   */
  async read(document: vscode.TextDocument): Promise<Sidecar> {
    const uri = sidecarUri(document);
    if (!uri) return emptySidecar();
    await this.queues.get(uri.toString());
    return readSidecarFile(uri);
  }

  /** Queues `change` after every earlier update of the same file. */
  update(document: vscode.TextDocument, change: (sidecar: Sidecar) => Sidecar): Promise<void> {
    const uri = sidecarUri(document);
    if (!uri) return Promise.resolve();
    const key = uri.toString();
    const next = (this.queues.get(key) ?? Promise.resolve()).then(async () => {
      try {
        const sidecar = change(await readSidecarFile(uri));
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeSidecar(sidecar)));
      } catch (error) {
        console.error('[dramaturge] could not write the sidecar', error);
      }
    });
    this.queues.set(key, next);
    void next.then(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
    return next;
  }
}

async function readSidecarFile(uri: vscode.Uri): Promise<Sidecar> {
  try {
    return parseSidecar(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  } catch {
    return emptySidecar(); // none yet: nothing is known, everything is the writer's
  }
}

function sidecarUri(document: vscode.TextDocument): vscode.Uri | undefined {
  return document.uri.scheme === 'file' ? document.uri.with({ path: sidecarPath(document.uri.path) }) : undefined;
}

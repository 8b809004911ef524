import * as vscode from 'vscode';
import type { DramaturgeApi } from '../../../src/extension';
import { EXTENSION_ID } from './waitFor';

/**
 * The extension's test-mode API: what `activate` returns when VS Code runs the extension for tests
 * (ExtensionMode.Test). In production `activate` returns nothing, and no command reaches inside.
 */
let cached: DramaturgeApi | undefined;

export async function dramaturgeApi(): Promise<DramaturgeApi> {
  cached ??= await vscode.extensions.getExtension<DramaturgeApi>(EXTENSION_ID)!.activate();
  if (!cached) throw new Error('activate() returned no API: the extension host is not running in test mode');
  return cached;
}

/** The answers the tests give where the writer would answer a modal question (after dramaturgeApi()). */
export function testAnswers(): DramaturgeApi['answers'] {
  if (!cached) throw new Error('call dramaturgeApi() first');
  return cached.answers;
}

import * as vscode from 'vscode';
import { OutlineTreeModel, STATUS_LABEL, hasNoStory, sceneIds } from '../../outline/outlineModel';
import type { OutlineAnnotations, OutlineNode, WordShare } from '../../outline/outlineModel';
import type { StoryFacts } from '../../outline/storyAnnotations';
import { isFountain, type FountainDocuments } from '../fountainDocuments';
import type { GenerationActivity } from './generationActivity';

export const REVEAL_NODE_COMMAND = 'dramaturge.outline.reveal';

/** The node a tree command receives, with the script it belongs to. */
export interface OutlineItem extends OutlineNode {
  readonly uri?: vscode.Uri;
}

/** 'noEditor' | 'noStory' | 'story': drives the welcome view (`dramaturge.outline.state`). */
export type OutlineState = 'noEditor' | 'noStory' | 'story';

/**
 * The outline tree for the active Fountain editor. It never rebuilds: each update reconciles the
 * one parsed model with the stable nodes of `OutlineTreeModel` and refreshes only what changed.
 */
export class OutlineTreeProvider implements vscode.TreeDataProvider<OutlineNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<OutlineNode | OutlineNode[] | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly stateEmitter = new vscode.EventEmitter<OutlineState>();
  readonly onDidChangeState = this.stateEmitter.event;

  private document: vscode.TextDocument | undefined;
  private model = new OutlineTreeModel();
  private facts: StoryFacts | undefined;
  private words: OutlineAnnotations['words'];
  private state: OutlineState | undefined;
  /** The VS Code document version the nodes describe. */
  private version = -1;

  constructor(
    private readonly documents: FountainDocuments,
    private readonly activity: GenerationActivity,
  ) {}

  get currentDocument(): vscode.TextDocument | undefined {
    return this.document;
  }

  /** Follows another editor (or none): the tree shows that script from scratch. */
  follow(document: vscode.TextDocument | undefined): void {
    const next = document && isFountain(document) ? document : undefined;
    if (next === this.document) return;
    this.document = next;
    this.model = new OutlineTreeModel();
    this.facts = undefined;
    this.words = undefined;
    this.version = -1;
    this.refresh();
    this.changeEmitter.fire(undefined);
  }

  /** New story facts (staleness, authorship, bible places) for the followed document. */
  setFacts(document: vscode.TextDocument, facts: StoryFacts): void {
    if (document !== this.document) return;
    this.facts = facts;
    this.refresh(true);
  }

  /** Word figures per scene (by index) and for the whole script, for the followed document. */
  setWordShares(document: vscode.TextDocument, shares: { scenes: readonly WordShare[]; script: WordShare }): void {
    if (document !== this.document) return;
    const ids = sceneIds(this.documents.get(document).outline.allScenes);
    this.words = { scenes: new Map(ids.map((id, i) => [id, shares.scenes[i]] as const).filter(([, s]) => s !== undefined)), script: shares.script };
    this.refresh(true);
  }

  /**
   * Brings the nodes up to date with the document and fires a change for the nodes that differ.
   * `force`: annotations changed even though the text did not.
   */
  refresh(force = false): void {
    const document = this.document;
    if (!document) {
      this.setState('noEditor');
      return;
    }
    const doc = this.documents.get(document);
    if (!force && document.version === this.version) return;
    this.version = document.version;
    const changed = this.model.update(doc, this.annotations(document));
    this.stamp(document.uri);
    this.setState(hasNoStory(doc) ? 'noStory' : 'story');
    if (changed === 'root') this.changeEmitter.fire(undefined);
    else if (changed.length) this.changeEmitter.fire(changed);
  }

  /** The node of the scene with this 0-based index, after bringing the tree up to date. */
  sceneNode(index: number): OutlineNode | undefined {
    this.refresh();
    return this.model.sceneNode(index);
  }

  /** Lines of the scene with this index in the followed script, up to date. */
  sceneRange(index: number): { start: number; end: number } | undefined {
    const document = this.document;
    return document ? this.documents.get(document).outline.allScenes[index]?.range : undefined;
  }

  get roots(): readonly OutlineNode[] {
    return this.model.rootNodes;
  }

  getChildren(element?: OutlineNode): OutlineNode[] {
    if (!element) {
      this.refresh();
      return [...this.model.rootNodes];
    }
    return element.children;
  }

  getParent(element: OutlineNode): OutlineNode | undefined {
    return element.parent;
  }

  getTreeItem(node: OutlineNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, collapsibleState(node));
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip || undefined;
    item.iconPath = iconFor(node);
    // Menus key on these: `scene.empty|drafted|stale|generating`, `group.characters`…, `title`.
    item.contextValue = node.kind === 'scene' ? `scene.${node.status}` : node.kind === 'group' ? `group.${node.id.slice('group:'.length)}` : node.kind;
    if (node.line >= 0) item.command = { command: REVEAL_NODE_COMMAND, title: 'Reveal', arguments: [node] };
    if (node.kind === 'scene') item.accessibilityInformation = { label: `${node.label}, ${STATUS_LABEL[node.status ?? 'empty']}${node.description ? `, ${node.description}` : ''}` };
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.stateEmitter.dispose();
  }

  private annotations(document: vscode.TextDocument): OutlineAnnotations {
    const generatingIndexes = this.activity.scenes(document.uri);
    let generating = new Set<string>();
    if (generatingIndexes.size) {
      const ids = sceneIds(this.documents.get(document).outline.allScenes);
      generating = new Set([...generatingIndexes].map((i) => ids[i]).filter(Boolean));
    }
    return { scenes: this.facts?.scenes ?? new Map(), biblePlaces: this.facts?.biblePlaces ?? new Map(), bibleCharacters: this.facts?.bibleCharacters ?? [], generating, words: this.words };
  }

  /** Commands run from the tree get the node with its script's URI. */
  private stamp(uri: vscode.Uri): void {
    const walk = (nodes: readonly OutlineNode[]) => {
      for (const n of nodes) {
        if ((n as { uri?: vscode.Uri }).uri !== uri) (n as { uri?: vscode.Uri }).uri = uri;
        if (n.children.length) walk(n.children);
      }
    };
    walk(this.model.rootNodes);
  }

  private setState(state: OutlineState): void {
    if (state === this.state) return;
    this.state = state;
    this.stateEmitter.fire(state);
  }
}

function collapsibleState(node: OutlineNode): vscode.TreeItemCollapsibleState {
  if (node.children.length === 0) return vscode.TreeItemCollapsibleState.None;
  if (node.id === 'group:characters' || node.id === 'group:places') return vscode.TreeItemCollapsibleState.Collapsed;
  return vscode.TreeItemCollapsibleState.Expanded;
}

function iconFor(node: OutlineNode): vscode.ThemeIcon {
  switch (node.kind) {
    case 'group':
      return new vscode.ThemeIcon(node.id === 'group:story' ? 'book' : node.id === 'group:characters' ? 'organization' : node.id === 'group:places' ? 'location' : 'list-tree');
    case 'title':
      return new vscode.ThemeIcon('symbol-text');
    case 'logline':
      return new vscode.ThemeIcon('quote');
    case 'character':
      return new vscode.ThemeIcon('person');
    case 'place':
      return new vscode.ThemeIcon('home');
    case 'section':
      return new vscode.ThemeIcon('symbol-namespace');
    case 'scene':
      switch (node.status) {
        case 'generating':
          return new vscode.ThemeIcon('loading~spin');
        case 'stale':
          return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        case 'drafted':
          return new vscode.ThemeIcon(node.authorship === 'model' ? 'sparkle' : 'pass', new vscode.ThemeColor('charts.green'));
        default:
          return new vscode.ThemeIcon('circle-large-outline');
      }
  }
}

import type { FountainDocument, FountainLine, Scene, Section } from '../fountain';
import { parseEmphasis } from '../print/styledText';
import { characterForCue } from '../story/characterMatch';
import { RESERVED_SECTIONS } from '../story/schema';
import { joinLines } from '../text/scan';

/**
 * The outline tree's content as plain data, with no `vscode` import: Story (title, logline),
 * Characters, Places, then the script's sections (acts) with their scenes. Node ids are stable
 * across edits that don't touch the node (a scene is identified by its heading and how many same
 * headings come before it, not by its position), which is what lets the tree refresh only what an
 * edit changed.
 */

export type OutlineNodeKind = 'group' | 'title' | 'logline' | 'character' | 'place' | 'section' | 'scene';
export type SceneStatus = 'empty' | 'drafted' | 'stale' | 'generating';

/** Who wrote a scene's current text, from the sidecar's provenance, where that is known. */
export type Authorship = 'model' | 'modelEdited' | 'writer';

export interface OutlineNode {
  readonly id: string;
  readonly kind: OutlineNodeKind;
  label: string;
  description: string;
  tooltip: string;
  /** Line to reveal when the node is clicked (-1: none). Not part of what the tree shows. */
  line: number;
  /** Scenes only. */
  sceneIndex?: number;
  status?: SceneStatus;
  authorship?: Authorship;
  parent: OutlineNode | undefined;
  children: OutlineNode[];
}

/** What the story engine knows about a scene (computed off the keystroke path). */
export interface SceneAnnotation {
  stale?: string;
  authorship?: Authorship;
}

/** A character of the story bible (`[[NAME (alias): description]]`). */
export interface BibleCharacter {
  name: string;
  aliases: string[];
  description: string;
}

export interface OutlineAnnotations {
  /** Keyed by scene node id. */
  scenes: ReadonlyMap<string, SceneAnnotation>;
  /** Scene node ids a generation command is writing right now. */
  generating: ReadonlySet<string>;
  /** The story bible's places (name → description), when the script has one. */
  biblePlaces: ReadonlyMap<string, string>;
  /** The story bible's characters, when the script has one: listed even before they speak. */
  bibleCharacters: readonly BibleCharacter[];
  /** Words per scene (by node id) and in the whole script, and how many the model wrote verbatim. */
  words?: { scenes: ReadonlyMap<string, WordShare>; script: WordShare };
}

export interface WordShare {
  words: number;
  model: number;
}

export const NO_ANNOTATIONS: OutlineAnnotations = { scenes: new Map(), generating: new Set(), biblePlaces: new Map(), bibleCharacters: [] };

/** `AI 62%`: the share of words the model wrote verbatim; empty when nothing is the model's. */
export function aiShareLabel(share: WordShare | undefined): string {
  if (!share || !share.model || !share.words) return '';
  return `AI ${Math.round((100 * share.model) / share.words)}%`;
}

function aiShareTooltip(share: WordShare | undefined, what: string): string {
  if (!share || !share.words) return '';
  return `${what}: ${share.words} word${share.words === 1 ? '' : 's'}, ${share.model} (${Math.round((100 * share.model) / share.words)}%) exactly as the model wrote them`;
}

export const GROUP_IDS = { story: 'group:story', characters: 'group:characters', places: 'group:places', scenes: 'group:scenes' } as const;

/** Section titles that hold the story bible, not acts. */
const BIBLE_SECTIONS: ReadonlySet<string> = new Set(RESERVED_SECTIONS);

/** A node as freshly derived, before it is reconciled with the stable node objects. */
type Spec = Omit<OutlineNode, 'parent' | 'children'> & { children: Spec[] };

/** Scene node ids in document order, as `buildSpecs` assigns them; lets annotations be keyed by id. */
export function sceneIds(scenes: readonly Scene[]): string[] {
  const seen = new Map<string, number>();
  return scenes.map((scene) => {
    const key = scene.headingText.toUpperCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return `scene:${key}#${n}`;
  });
}

/** True when the document holds nothing the outline would show: the welcome view takes over. */
export function hasNoStory(doc: FountainDocument): boolean {
  return doc.outline.allScenes.length === 0 && doc.characters.size === 0 && !titleValue(doc, 'logline') && !titleValue(doc, 'title');
}

/** A title-page value as the tree shows it: one line, as it prints (`_**BRICK & STEEL**_` → `BRICK & STEEL`). */
function titleValue(doc: FountainDocument, key: string): { value: string; line: number } | undefined {
  const entry = doc.titlePage.find((e) => e.key.toLowerCase() === key);
  if (!entry) return undefined;
  // Emphasis never spans lines in Fountain: strip it line by line, then join.
  const value = joinLines(entry.value.split('\n').map((line) => parseEmphasis(line.trim()).text).join('\n'));
  return { value, line: entry.line };
}

function buildSpecs(doc: FountainDocument, annotations: OutlineAnnotations): Spec[] {
  if (hasNoStory(doc)) return [];
  const group = (id: string, label: string, children: Spec[], description = ''): Spec => ({ id, kind: 'group', label, description, tooltip: '', line: -1, children });

  const title = titleValue(doc, 'title');
  const logline = titleValue(doc, 'logline');
  const story = group(GROUP_IDS.story, 'Story', [
    { id: 'title', kind: 'title', label: title?.value || '(untitled)', description: 'title', tooltip: 'Title', line: title?.line ?? -1, children: [] },
    { id: 'logline', kind: 'logline', label: logline?.value || '(no logline)', description: 'logline', tooltip: logline?.value ?? 'Add `Logline:` to the title page', line: logline?.line ?? -1, children: [] },
  ]);

  const speakers = [...doc.characters.values()].sort((a, b) => b.lines - a.lines || a.name.localeCompare(b.name));
  const characters: Spec[] = speakers.map((c) => {
    const entry = characterForCue(c.name, annotations.bibleCharacters);
    const counts = `${c.cues} speech${c.cues === 1 ? '' : 'es'}, ${c.lines} line${c.lines === 1 ? '' : 's'} of dialogue`;
    return {
      id: `character:${c.name}`,
      kind: 'character',
      label: c.name,
      description: `${c.lines} line${c.lines === 1 ? '' : 's'}`,
      tooltip: entry?.description ? `${c.name}: ${entry.description}\n${counts}` : `${c.name}: ${counts}`,
      line: c.cueLines[0] ?? -1,
      children: [],
    };
  });
  // The bible's characters who have not spoken yet (a cast just accepted, a silent part).
  for (const entry of annotations.bibleCharacters) {
    if (speakers.some((c) => characterForCue(c.name, [entry]))) continue;
    characters.push({ id: `character:${entry.name}`, kind: 'character', label: entry.name, description: 'no lines yet', tooltip: entry.description || entry.name, line: -1, children: [] });
  }

  const places = new Map<string, Spec>();
  for (const loc of doc.locations.values()) {
    const first = doc.outline.allScenes[loc.scenes[0]];
    places.set(loc.name, {
      id: `place:${loc.name}`,
      kind: 'place',
      label: loc.name,
      description: `${loc.scenes.length} scene${loc.scenes.length === 1 ? '' : 's'}`,
      tooltip: annotations.biblePlaces.get(loc.name) ?? loc.name,
      line: first?.line ?? -1,
      children: [],
    });
  }
  for (const [name, description] of annotations.biblePlaces) {
    if (!places.has(name)) places.set(name, { id: `place:${name}`, kind: 'place', label: name, description: 'no scene yet', tooltip: description || name, line: -1, children: [] });
  }

  const ids = sceneIds(doc.outline.allScenes);
  const sceneSpec = (scene: Scene): Spec => sceneToSpec(doc, scene, ids[scene.index], annotations);
  const sectionSeen = new Map<string, number>();
  const sectionSpec = (section: Section, path: string): Spec => {
    // By title and occurrence, like scenes: typing above a section must not change its identity.
    const key = `${path}/${section.title.toUpperCase()}`;
    const n = (sectionSeen.get(key) ?? 0) + 1;
    sectionSeen.set(key, n);
    const id = `${key}#${n}`;
    return {
      id: `section:${id}`,
      kind: 'section',
      label: section.title || '(untitled section)',
      description: `${countScenes(section)} scene${countScenes(section) === 1 ? '' : 's'}`,
      tooltip: section.title,
      line: section.line,
      children: [...section.sections.map((s) => sectionSpec(s, id)), ...section.scenes.map(sceneSpec)],
    };
  };
  const acts = [
    ...doc.outline.scenes.map(sceneSpec),
    ...doc.outline.sections.filter((s) => !(BIBLE_SECTIONS.has(s.title.toLowerCase()) && countScenes(s) === 0)).map((s) => sectionSpec(s, '')),
  ];
  return [
    story,
    group(GROUP_IDS.characters, 'Characters', characters, String(characters.length)),
    group(GROUP_IDS.places, 'Places', [...places.values()], String(places.size)),
    { ...group(GROUP_IDS.scenes, 'Scenes', acts, [String(doc.outline.allScenes.length), aiShareLabel(annotations.words?.script)].filter(Boolean).join(' · ')), tooltip: aiShareTooltip(annotations.words?.script, 'Whole script') },
  ];
}

function countScenes(section: Section): number {
  return section.scenes.length + section.sections.reduce((n, s) => n + countScenes(s), 0);
}

function sceneToSpec(doc: FountainDocument, scene: Scene, id: string, annotations: OutlineAnnotations): Spec {
  const note = annotations.scenes.get(id);
  const status: SceneStatus = annotations.generating.has(id) ? 'generating' : !hasBody(doc.lines, scene) ? 'empty' : note?.stale ? 'stale' : 'drafted';
  const share = annotations.words?.scenes.get(id);
  // Word figures, once known, say more than the whole-scene label.
  const who = share ? aiShareLabel(share) : note?.authorship ? AUTHORSHIP_LABEL[note.authorship] : '';
  const beat = scene.synopsis ?? '';
  const tooltip = [
    scene.heading.trim(),
    beat && `Beat: ${beat}`,
    `Status: ${STATUS_LABEL[status]}${status === 'stale' && note?.stale ? ` (${note.stale})` : ''}`,
    share ? aiShareTooltip(share, 'Text') : who && `Text: ${who}`,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    id,
    kind: 'scene',
    label: scene.headingText || scene.heading.trim(),
    description: who ? (beat ? `${beat} · ${who}` : who) : beat,
    tooltip,
    line: scene.line,
    sceneIndex: scene.index,
    status,
    authorship: note?.authorship,
    children: [],
  };
}

export const STATUS_LABEL: Record<SceneStatus, string> = { empty: 'empty', drafted: 'drafted', stale: 'stale', generating: 'generating…' };
const AUTHORSHIP_LABEL: Record<Authorship, string> = { model: 'model-written', modelEdited: 'model draft, edited by the writer', writer: 'writer-written' };

const NOT_BODY = new Set(['blank', 'synopsis', 'note', 'boneyard', 'section']);

/** A scene is drafted once it has a line of its own beyond the heading, synopsis and notes. */
function hasBody(lines: readonly FountainLine[], scene: Scene): boolean {
  for (let i = scene.line + 1; i <= scene.range.end; i++) if (!NOT_BODY.has(lines[i].type)) return true;
  return false;
}

/**
 * The tree's stable node objects, reconciled with each new version of the document. `update`
 * answers which nodes the view must refresh: a node whose own label/description/status changed,
 * or whose list of children changed (then the whole subtree is re-read, so its descendants are
 * not listed separately). Node objects keep their identity for as long as their id exists, which
 * is what VS Code's tree uses to match a refresh to what it shows.
 */
export class OutlineTreeModel {
  private roots: OutlineNode[] = [];
  private byId = new Map<string, OutlineNode>();

  get rootNodes(): readonly OutlineNode[] {
    return this.roots;
  }

  node(id: string): OutlineNode | undefined {
    return this.byId.get(id);
  }

  /** The scene node for a 0-based scene index, through the current tree. */
  sceneNode(index: number): OutlineNode | undefined {
    let found: OutlineNode | undefined;
    const walk = (nodes: readonly OutlineNode[]) => {
      for (const n of nodes) {
        if (found) return;
        if (n.kind === 'scene' && n.sceneIndex === index) found = n;
        else if (n.children.length) walk(n.children);
      }
    };
    walk(this.roots);
    return found;
  }

  /** Returns the nodes to refresh; `'root'` when the top level itself changed. */
  update(doc: FountainDocument, annotations: OutlineAnnotations = NO_ANNOTATIONS): OutlineNode[] | 'root' {
    const specs = buildSpecs(doc, annotations);
    const changed: OutlineNode[] = [];
    const live = new Map<string, OutlineNode>();
    const reconcile = (list: Spec[], parent: OutlineNode | undefined, previous: readonly OutlineNode[]): { nodes: OutlineNode[]; listChanged: boolean } => {
      const nodes: OutlineNode[] = [];
      let listChanged = list.length !== previous.length;
      for (let i = 0; i < list.length; i++) {
        const spec = list[i];
        let node = this.byId.get(spec.id);
        // A duplicate id (two sections with one title on one line can't happen; be safe anyway).
        if (live.has(spec.id)) node = undefined;
        const fresh = !node || node.kind !== spec.kind;
        if (fresh) node = { id: spec.id, kind: spec.kind, label: '', description: '', tooltip: '', line: -1, parent, children: [] };
        const n = node!;
        const own = !fresh && (n.label !== spec.label || n.description !== spec.description || n.tooltip !== spec.tooltip || n.status !== spec.status || n.authorship !== spec.authorship);
        n.label = spec.label;
        n.description = spec.description;
        n.tooltip = spec.tooltip;
        n.line = spec.line;
        n.sceneIndex = spec.sceneIndex;
        n.status = spec.status;
        n.authorship = spec.authorship;
        n.parent = parent;
        live.set(spec.id, n);
        const sub = reconcile(spec.children, n, fresh ? [] : n.children);
        n.children = sub.nodes;
        if (!fresh && (own || sub.listChanged)) changed.push(n);
        if (fresh || previous[i] !== n) listChanged = true;
        nodes.push(n);
      }
      return { nodes, listChanged };
    };
    const top = reconcile(specs, undefined, this.roots);
    this.roots = top.nodes;
    this.byId = live;
    if (top.listChanged) return 'root';
    return topMost(changed);
  }
}

/** Drops nodes whose ancestor is refreshed anyway. */
function topMost(nodes: OutlineNode[]): OutlineNode[] {
  if (nodes.length <= 1) return nodes;
  const set = new Set(nodes);
  return nodes.filter((n) => {
    for (let p = n.parent; p; p = p.parent) if (set.has(p)) return false;
    return true;
  });
}

export * from './types';
export { FountainDocument, type LineChange } from './document';
export { classifyLine } from './lineClassifier';
export { HEADING_PREFIX, HEADING_PREFIXES, findSceneNumber, splitHeading, withoutSceneNumber } from './sceneHeading';
export { LINES_PER_PAGE } from './pageEstimate';
export { characterKey, preferredSpelling } from './characterName';
export { LINE_BREAK, LineTable, bomLength, splitLines, withLineBreak } from './lines';
export type { LineBreak } from './lines';

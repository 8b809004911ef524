/** The story engine: Dramatron-style hierarchical generation stored as Fountain. No `vscode` here. */
export * from './schema';
export { renderStory, renderHeading } from './fountainStore';
export { readStory, readStoryFromDocument, readStoryWithLayout, parseHeading } from './storyReader';
export type { ReadResult, StoryLayout, SceneLines, ItemLines } from './storyReader';
export * from './items';
export * from './sidecar';
export { findStale, inputHash, dependencyInputs, provenanceOf, recordWritten } from './staleness';
export type { StaleItem } from './staleness';
export * from './proposal';
export * from './operations';
export { writeAll, fillPlaces, fillScenes, regenerateStale, mapLimit } from './pipeline';
export type { PipelineOptions, PipelineResult, ProgressEvent, ItemFailure } from './pipeline';
export { OutputError } from './parsers';
export { charactersIn, namesOf } from './characterMatch';
export { PLOT_STRUCTURES, resolveStructure } from './prompts';
export * from './answerLimits';

export * from './types';
export { layoutScript, relayout, pageIndexOfLine, type LayoutSource, type LineChange } from './layout';
export { pageGeometry, INDENT, WIDTH } from './geometry';
export { LivePages, type PagesUpdate, type PageData, type LineData, type ShiftedPage } from './livePages';

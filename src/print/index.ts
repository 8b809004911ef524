export * from './types';
export { layoutScript, relayout, pageIndexOfLine, type LayoutSource, type LineChange } from './layout';
export { pageGeometry, INDENT, WIDTH } from './geometry';

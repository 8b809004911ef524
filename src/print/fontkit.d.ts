// fontkit ships no type declarations; this is the little of it the print fonts use.
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string, postscriptName?: string): Font | { fonts: Font[] };
}

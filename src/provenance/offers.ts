import type { TextEdit } from './runs';

/** Text a model offered to insert at `start` (ghost text) that the writer has not taken or dismissed yet. */
export interface Offer {
  start: number;
  text: string;
}

/** What one edit did to an offer. */
export interface OfferOutcome {
  /** Characters of the edit's text that came from the offer (the model's); 0 when it took none. */
  taken: number;
  /** What is still on offer after the edit, where it now sits; undefined when nothing is. */
  rest: Offer | undefined;
}

/**
 * Follows an offer through one edit. Accepting ghost text (whole, or a word at a time) inserts a
 * prefix of the offer at its place: those characters are the model's. Typing the offer's next
 * character by hand keeps the rest on offer but stays the writer's, as does anything typed one
 * character at a time. Edits before the offer move it; any other edit at or across it ends it.
 * Line breaks are compared without regard to CRLF/LF, since the editor writes the document's own.
 */
export function followOffer(offer: Offer, edit: TextEdit): OfferOutcome {
  const inserted = edit.text.replace(/\r\n/g, '\n');
  const offered = offer.text.replace(/\r\n/g, '\n');
  if (edit.start === offer.start && edit.end === offer.start && inserted && offered.startsWith(inserted)) {
    const left = offered.slice(inserted.length);
    return { taken: edit.text.length > 1 ? edit.text.length : 0, rest: left ? { start: offer.start + edit.text.length, text: left } : undefined };
  }
  if (edit.end < offer.start || (edit.end === offer.start && edit.start < offer.start && !edit.text)) {
    return { taken: 0, rest: { start: offer.start + edit.text.length - (edit.end - edit.start), text: offer.text } };
  }
  if (edit.start > offer.start) return { taken: 0, rest: offer };
  return { taken: 0, rest: undefined };
}

import { SHARE_PARAM } from '../share/link';

/** Share texts in pasted text at most (500 students, with room for the duplicates and strays a paste brings). */
export const MAX_PASTED_LINKS = 2000;

// `x=` after the start of a fragment or query (or at a word's start: a bare `x=v1.…`), then the
// format and its base64url payload up to the first character that cannot be in one.
const SHARE = new RegExp(`(?:^|[#&?\\s])${SHARE_PARAM}=(v\\d+\\.[A-Za-z0-9_-]*)`, 'g');

/**
 * Every share text in what an instructor pastes or drops: links one per line, several on a line,
 * or mixed with chat text and names. Each comes with the line it was on, so a refusal can say where.
 */
export function findShareTexts(text: string): { text: string; line: number }[] {
  const found: { text: string; line: number }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length && found.length < MAX_PASTED_LINKS; i++) {
    for (const m of lines[i].matchAll(SHARE)) {
      found.push({ text: m[1], line: i + 1 });
      if (found.length >= MAX_PASTED_LINKS) break;
    }
  }
  return found;
}

// Most short texts an agent re-sends (answers, typed messages) are already in normal form; a scan that proves it
// costs a fraction of the two regular-expression passes that normalization would run over them.

/** The characters `\s` matches. */
function isSpace(c: number): boolean {
  if (c <= 0xa0) return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
  return (
    c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f ||
    c === 0x3000 || c === 0xfeff
  );
}

const REMINDER_OPEN = '<system-reminder>';

/** True when normalization would return `text` unchanged: single inner spaces only, no reminder block. */
export function isNormalized(text: string): boolean {
  let afterSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (afterSpace) return false;
      afterSpace = true;
      continue;
    }
    if (isSpace(c)) return false;
    if (c === 60 && text.startsWith(REMINDER_OPEN, i)) return false;
    afterSpace = false;
  }
  return !afterSpace || text.length === 0;
}

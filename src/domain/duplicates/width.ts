/**
 * Chinese input methods type letters, digits and punctuation in their full-width forms
 * (Ａ１（）＠), so the same company or number arrives in two spellings. The full-width
 * ASCII block maps one-to-one onto ASCII; the ideographic space is a space.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (char) =>
    char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0),
  );
}

/** Half-width, then Unicode compatibility folding (ligatures, circled digits, …). */
export function foldWidth(text: string): string {
  return toHalfWidth(text).normalize('NFKC');
}

/**
 * strconv.Quote, which the compiler's messages (a string constant's value) and fmt's %q share:
 * `"`, `\` and the control characters escaped as Go escapes them (`\a \b \f \n \r \t \v`, else
 * `\x..`), and a rune strconv.IsPrint refuses (a space other than ' ', a format or private
 * character) as `\u....` or `\U........`.
 */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoted(ch);
  return `${out}"`;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[ \p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** utf8.ValidRune: a code point (not negative, at most U+10FFFF, not a surrogate). */
export function validRune(r: number): boolean {
  return r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff);
}

/** The rune as text; a value that is no code point is U+FFFD, as Go's conversions make it. */
export function runeText(r: number): string {
  return validRune(r) ? String.fromCodePoint(r) : '\ufffd';
}

/** strconv.QuoteRune: as Quote, in single quotes, with `'` escaped and `"` not. */
export function quoteRune(r: number): string {
  const ch = runeText(r);
  return `'${ch === "'" ? "\\'" : ch === '"' ? '"' : quoted(ch)}'`;
}

/** strconv.IsPrint of a rune (false for a value that is no code point). */
export function isPrint(r: number): boolean {
  return validRune(r) && PRINTABLE.test(String.fromCodePoint(r));
}

function quoted(ch: string): string {
  const esc = ESCAPES[ch];
  if (esc) return esc;
  if (PRINTABLE.test(ch)) return ch;
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x80) return `\\x${c.toString(16).padStart(2, '0')}`;
  if (c < 0x10000) return `\\u${c.toString(16).padStart(4, '0')}`;
  return `\\U${c.toString(16).padStart(8, '0')}`;
}

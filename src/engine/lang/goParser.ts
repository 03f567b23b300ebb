/**
 * The Go grammar (@lezer/go), with its automatic semicolons fixed: lezer/go 1.0.1 inserts
 * Go's semicolon at the end of a line after an identifier, a literal, `)`, `]`, `}` and the
 * like, but not after `true`, `false` and `nil` (keywords it makes from identifiers, whose
 * tokens its tracker does not list), so `done := false` followed by a statement on the next
 * line failed to parse. The same tracker, told about those three words; the editor uses this
 * parser too, so its highlighting and errors agree with the compiler.
 */
import { parser as base } from '@lezer/go';
import { ContextTracker, type InputStream, type Stack } from '@lezer/lr';

/** lezer/go's own tracker (an LRParser keeps it, untyped, as `context`) */
const original = (
  base as unknown as {
    readonly context: {
      shift(context: boolean, term: number, stack: Stack, input: InputStream): boolean;
    };
  }
).context;

const WORDS = ['true', 'false', 'nil'].map((w) => [...w].map((c) => c.charCodeAt(0)));

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Does the token at the input's position spell true, false or nil? */
function literalWord(input: InputStream): boolean {
  return WORDS.some(
    (w) => w.every((c, i) => input.peek(i) === c) && !isWordChar(input.peek(w.length)),
  );
}

export const parser = base.configure({
  contextTracker: new ContextTracker<boolean>({
    start: false,
    shift: (context, term, stack, input) =>
      original.shift(context, term, stack, input) || literalWord(input),
  }),
});

import { parser } from '@lezer/go';
import { classHighlighter, highlightCode } from '@lezer/highlight';

export interface Piece {
  readonly text: string;
  readonly cls: string;
}

/** The source split into lines of highlighted pieces, with the same Go grammar the engine uses. */
export function highlightLines(source: string): Piece[][] {
  const lines: Piece[][] = [[]];
  const tree = parser.parse(source);
  highlightCode(
    source,
    tree,
    classHighlighter,
    (text, cls) => (lines[lines.length - 1] as Piece[]).push({ text, cls }),
    () => lines.push([]),
  );
  return lines;
}

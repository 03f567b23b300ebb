/**
 * Source positions and compile-time diagnostics, printed the way the Go toolchain prints
 * them: `main.go:12:5: message`. Columns count bytes from 1 as gc does; our sources are
 * ASCII in practice, and for non-ASCII text we count UTF-16 units (noted in the README).
 */

export interface Pos {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

export const NoPos: Pos = { line: 0, col: 0 };

export interface Diagnostic {
  readonly pos: Pos;
  readonly msg: string;
  /** `syntax` and `type` read like the Go compiler; `unsupported` is Interleave's own. */
  readonly kind: 'syntax' | 'type' | 'unsupported' | 'vet';
}

/** Maps offsets to line/column. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  pos(offset: number): Pos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (this.starts[lo] ?? 0) + 1 };
  }
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? 0;
    const end = this.starts[line] ?? this.text.length + 1;
    return this.text.slice(start, end - 1);
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  // (a continuation line that names a place, `\t5:5: a refers to b`, names the file too)
  const msg = d.msg.replace(/^\t(\d+:\d+: )/gm, `\t${file}:$1`);
  return `${file}:${d.pos.line}:${d.pos.col}: ${msg}`;
}

/** Thrown inside the front end; always caught and turned into a Diagnostic list. */
export class CompileError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.msg);
  }
}

export function fail(pos: Pos, msg: string, kind: Diagnostic['kind'] = 'type'): never {
  throw new CompileError({ pos, msg, kind });
}

export function unsupported(pos: Pos, what: string): never {
  throw new CompileError({ pos, msg: `unsupported: ${what}`, kind: 'unsupported' });
}

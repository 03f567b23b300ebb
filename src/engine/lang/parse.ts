/**
 * Go source -> Interleave's syntax tree, using the real Go grammar from @lezer/go (the same
 * parser drives the editor's highlighting). No hand-written lexer: we only walk the tree.
 *
 * @lezer/go 1.0.1 gives postfix operators (selector, index, slice, call, type assertion) a
 * lower precedence than unary and binary operators, so `50 * time.Millisecond` arrives as
 * `(50 * time).Millisecond`. `postfix()` re-associates such nodes into Go's precedence;
 * parentheses in the source are kept as `paren` nodes, so they are never rotated through.
 */
import { parser } from './goParser';
import type { SyntaxNode } from '@lezer/common';
import type {
  Block,
  CaseClause,
  SelectClause,
  SelectComm,
  Decl,
  Element,
  Expr,
  FieldSpec,
  FuncDecl,
  Ident,
  ImportSpec,
  MethodSpec,
  Param,
  Signature,
  SourceFile,
  Stmt,
  TypeExpr,
  TypeParamDecl,
  TypeSpec,
  ValueSpec,
} from './ast';
import { LineMap, fail, unsupported, type Pos } from './source';
import { norm } from '../runtime/int64';

const UTF8 = new TextEncoder();

/** The escapes that stand for one character. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
};

/** What may stand at the top level of a file, between declarations. */
const TOP_LEVEL = new Set([
  'PackageClause',
  'ImportDecl',
  'FunctionDecl',
  'MethodDecl',
  'VarDecl',
  'ConstDecl',
  'TypeDecl',
  'LineComment',
  'BlockComment',
]);

const KEYWORDS = new Set([
  'break',
  'case',
  'chan',
  'const',
  'continue',
  'default',
  'defer',
  'else',
  'fallthrough',
  'for',
  'func',
  'go',
  'goto',
  'if',
  'import',
  'interface',
  'map',
  'package',
  'range',
  'return',
  'select',
  'struct',
  'switch',
  'type',
  'var',
]);

/** Node names that are punctuation, keywords or comments: never meaningful children. */
function isPunct(name: string): boolean {
  return !/^[A-Z]/.test(name) || name === 'LineComment' || name === 'BlockComment';
}

export function parseGo(text: string): SourceFile {
  // @lezer/go 1.0.1 does not know Go 1.22's `for range x` (a range clause with no
  // variables). Where it fails on one, parse `for _ = range x` instead — the same loop — and
  // map every position back to the text as written.
  let patched = text;
  const inserts: number[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const at = bareRangeAt(patched);
    if (at < 0) break;
    patched = `${patched.slice(0, at)}_ = ${patched.slice(at)}`;
    inserts.push(at);
  }
  return new Parser(patched, text, inserts).file();
}

const INSERT = '_ = '.length;

/** The offset of `range` in the first `for range` the grammar rejects, or -1. */
function bareRangeAt(text: string): number {
  const tree = parser.parse(text);
  let found = -1;
  tree.iterate({
    enter(n) {
      if (found >= 0 || !n.type.isError) return found < 0;
      const before = text.slice(Math.max(0, n.from - 40), n.to + 6);
      const m = /\bfor\s+range\b/.exec(before);
      if (m) found = Math.max(0, n.from - 40) + m.index + m[0].length - 'range'.length;
      return false;
    },
  });
  return found;
}

/** Go's binary operator precedences (the spec's five levels). */
const PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '|': 4,
  '^': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  '<<': 5,
  '>>': 5,
  '&': 5,
  '&^': 5,
};

/**
 * A binary expression, its left operand rebalanced: `postfix()` moves a call or selector
 * into the right operand of the binary it arrived around, so `ok || len(xs) == 0` comes as
 * `(ok || len(xs)) == 0`; a left operand of lower precedence, not in parentheses, can only
 * come from that, and is rotated back to `ok || (len(xs) == 0)`.
 */
function binary(pos: Pos, op: string, opPos: Pos, x: Expr, y: Expr): Expr {
  if (x.k === 'binary' && (PRECEDENCE[x.op] ?? 0) < (PRECEDENCE[op] ?? 0))
    return { ...x, y: binary(x.y.pos, op, opPos, x.y, y) };
  return { k: 'binary', pos, op, opPos, x, y };
}

class Parser {
  private readonly lines: LineMap;
  /** the file's syntax tree, once parsed */
  private top: SyntaxNode | null = null;
  constructor(
    private readonly text: string,
    original: string = text,
    /** offsets in `text` where `_ = ` was inserted, in order */
    private readonly inserts: readonly number[] = [],
  ) {
    this.lines = new LineMap(original);
  }

  /** An offset in the parsed text, as an offset in the text as written. */
  private original(offset: number): number {
    let o = offset;
    for (let i = this.inserts.length - 1; i >= 0; i--) {
      const at = this.inserts[i] as number;
      if (o >= at + INSERT) o -= INSERT;
      else if (o >= at) o = at;
    }
    return o;
  }

  private pos(n: SyntaxNode | number): Pos {
    return this.lines.pos(this.original(typeof n === 'number' ? n : n.from));
  }

  private src(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  /** Meaningful children (punctuation and keywords left out). */
  private kids(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (!isPunct(c.name)) out.push(c);
    return out;
  }

  private all(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling)
      if (c.name !== 'LineComment' && c.name !== 'BlockComment') out.push(c);
    return out;
  }

  private has(n: SyntaxNode, tok: string): SyntaxNode | null {
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === tok) return c;
    return null;
  }

  file(): SourceFile {
    const tree = parser.parse(this.text);
    const top = tree.topNode;
    this.top = top;
    this.checkSyntax(top);
    let pkg: Ident | null = null;
    const imports: ImportSpec[] = [];
    const decls: Decl[] = [];
    const stray: Stmt[] = [];
    for (const c of this.kids(top)) {
      switch (c.name) {
        case 'PackageClause': {
          const d = c.getChild('DefName');
          if (d) pkg = { name: this.src(d), pos: this.pos(d) };
          break;
        }
        case 'ImportDecl':
          for (const s of this.specs(c, 'ImportSpec')) imports.push(this.importSpec(s));
          break;
        case 'FunctionDecl':
        case 'MethodDecl':
          decls.push(this.funcDecl(c));
          break;
        case 'VarDecl':
          // (@lezer/go 1.0.1 also takes `x := 1` outside a function for a VarDecl)
          if (!/^var\b/.test(this.src(c)))
            fail(
              this.pos(c),
              'syntax error: non-declaration statement outside function body',
              'syntax',
            );
          decls.push({ k: 'var', pos: this.pos(c), specs: this.valueSpecs(c, 'VarSpec') });
          break;
        case 'ConstDecl':
          decls.push({ k: 'const', pos: this.pos(c), specs: this.valueSpecs(c, 'ConstSpec') });
          break;
        case 'TypeDecl':
          decls.push({ k: 'type', pos: this.pos(c), specs: this.typeSpecs(c) });
          break;
        default:
          stray.push(this.stmt(c));
      }
    }
    return { pkg, imports, decls, stray };
  }

  // ---- syntax errors -------------------------------------------------------------------

  private checkSyntax(top: SyntaxNode): void {
    const cursor = top.cursor();
    do {
      if (cursor.type.isError) {
        const at = cursor.from;
        // `import fmt`: a local name and no path after it (gc says so where the path should be)
        const spec = cursor.node.parent;
        const local = spec?.name === 'ImportSpec' ? spec.getChild('DefName') : null;
        if (spec && local && !spec.getChild('String'))
          fail(this.pos(this.skipSpace(local.to)), 'syntax error: missing import path', 'syntax');
        const known = this.gcSyntaxError(this.skipSpace(at));
        if (known) fail(this.pos(known.at), known.msg, 'syntax');
        fail(
          this.pos(this.skipSpace(at)),
          `syntax error: unexpected ${this.describe(at)}${this.expectsOperand(at) ? ', expected expression' : ''}`,
          'syntax',
        );
      }
    } while (cursor.next());
  }

  /**
   * gc's message for the mistakes a newcomer makes most, where lezer's recovery stops at a
   * later token than gc's parser does: the newline gc turns into a semicolon (a `{` on the line
   * after `if`, `for` or `func`, a call's `)` forgotten at the end of a line), and a block
   * left open (`else` on its own line, the end of the file). Null for anything else.
   */
  private gcSyntaxError(at: number): { at: number; msg: string } | null {
    const text = this.text;
    // gc's scanner reports a string cut by a newline first, where the newline is
    const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    const cut = this.newlineInString(lineEnd);
    if (cut >= 0) return { at: cut, msg: 'newline in string' };
    const open = this.openBrackets(at);
    const top = this.topLevelError(at, open);
    if (top) return top;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const line = text.slice(lineStart, at);
    // `if x = 1 {`: an assignment where the condition goes
    const header = /^\s*if\s+(?:[^;{]*;\s*)?([^;{]*)$/.exec(line);
    if (text[at] === '{' && header) {
      const cond = header[1] as string;
      const eq = /(^|[^=!<>:+\-*/%&|^])=(?!=)/.exec(cond);
      if (eq) {
        const opAt = at - cond.length + eq.index + (eq[1] as string).length;
        const lhs = text.slice(at - cond.length, opAt).trim();
        const rhs = text.slice(opAt + 1, at).trim();
        const emph = (x: string) => (/\s[-+*/%&|^<>!=]{1,2}\s/.test(x) ? `(${x})` : x);
        return {
          at: opAt,
          msg: `syntax error: cannot use assignment ${emph(lhs)} = ${emph(rhs)} as value`,
        };
      }
    }
    // a statement in the header's place of the block: `if x == 1 fmt.Println(x)`
    const clause = /^\s*(if|for)\b[^{]*$/.exec(line)?.[1];
    if (clause && line.trim() !== clause && text[at] !== '{')
      return {
        at,
        msg: `syntax error: unexpected ${this.describe(at)}, expected { after ${clause} clause`,
      };
    if (text[at] === '{' && text.slice(lineStart, at).trim() === '') {
      // the previous line that has anything on it, and where it ends
      let end = lineStart - 1;
      while (end > 0 && text.slice(text.lastIndexOf('\n', end - 1) + 1, end).trim() === '')
        end = text.lastIndexOf('\n', end - 1);
      if (end > 0) {
        const prev = text.slice(text.lastIndexOf('\n', end - 1) + 1, end).trim();
        const clause = /^(if|for)\b/.exec(prev)?.[1];
        if (clause && !prev.endsWith('{'))
          return {
            at: end,
            msg: `syntax error: unexpected newline, expected { after ${clause} clause`,
          };
        if (/^func\b/.test(prev) && open.length === 0)
          return { at, msg: 'syntax error: unexpected semicolon or newline before {' };
      }
    }
    const inner = open[open.length - 1];
    const typeBody =
      inner !== undefined && text[inner] === '{'
        ? /\b(struct|interface)\s*$/.exec(text.slice(0, inner))?.[1]
        : undefined;
    // a composite literal's { follows its type with no space (as gofmt writes it): []int{
    const composite =
      inner !== undefined &&
      text[inner] === '{' &&
      !typeBody &&
      /[\w\]}]$/.test(text.slice(0, inner));
    // a newline after an element ends the statement there (gc inserts a semicolon)
    const call =
      inner !== undefined && text[inner] === '(' && /[\w)\]]\s*$/.test(text.slice(0, inner));
    if (inner !== undefined && (composite || call)) {
      const nl = this.semicolonInList(inner, at, open.length);
      if (nl >= 0)
        return {
          at: nl,
          msg: composite
            ? 'syntax error: unexpected newline in composite literal; possibly missing comma or }'
            : 'syntax error: unexpected newline in argument list; possibly missing comma or )',
        };
    }
    const tok = this.describe(at);
    // an argument followed by anything but , or ): `fmt.Println("a" "b")`
    if (
      call &&
      /([\w"'`)\]}])\s*$/.test(text.slice((inner as number) + 1, at)) &&
      /^(name |literal )/.test(tok)
    )
      return {
        at,
        msg: `syntax error: unexpected ${tok} in argument list; possibly missing comma or )`,
      };
    if ((tok === 'keyword else' || tok === 'EOF') && open.some((i) => text[i] === '{'))
      return { at, msg: `syntax error: unexpected ${tok}, expected }` };
    // more on a line after a complete field or statement: `a int b int`, `y := x++`, `f())`
    if (
      inner !== undefined &&
      text[inner] === '{' &&
      !composite &&
      line.trim() !== '' &&
      /([\w"'`)\]}]|\+\+|--)\s*$/.test(line) &&
      !/^(\{|\(|\[|\.|comma|semicolon|EOF|newline)$/.test(tok)
    )
      return {
        at,
        msg: typeBody
          ? `syntax error: unexpected ${tok} in ${typeBody} type; possibly missing semicolon or newline or }`
          : `syntax error: unexpected ${tok} at end of statement`,
      };
    return null;
  }

  /**
   * gc's messages for what goes wrong between declarations: a statement outside any function
   * (gc says so at the statement, before anything after it), more on the line after a
   * complete declaration (`}()` after a function's body, `var a int, b int`), and an import
   * group with something other than a quoted path in it.
   */
  private topLevelError(at: number, open: readonly number[]): { at: number; msg: string } | null {
    const text = this.text;
    for (let c = this.top?.firstChild ?? null; c && c.from < at; c = c.nextSibling) {
      if (c.type.isError || TOP_LEVEL.has(c.name)) continue;
      // a block after a function with no body is the `{` on the next line, told elsewhere
      if (c.name === 'Block' && c.prevSibling?.name === 'FunctionDecl') break;
      return { at: c.from, msg: 'syntax error: non-declaration statement outside function body' };
    }
    const group = open.length === 1 ? (open[0] as number) : -1;
    if (text[group] === '(' && /(^|\n)import\s*$/.test(text.slice(0, group)))
      return this.importGroupError(group);
    const tok = this.describe(at);
    if (open.length > 0 || tok === 'EOF' || tok === 'newline') return null;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const first = this.skipSpace(lineStart);
    const before = text.slice(lineStart, at).replace(/\/\/.*$/, '');
    if (before.trim() === '') return null;
    // a line that begins with neither a declaration nor the end of one, after a complete line
    const prev = text
      .slice(0, lineStart)
      .replace(/\/\/[^\n]*/g, '')
      .trimEnd();
    if (
      first < at &&
      this.openBrackets(first).length === 0 &&
      !/^(package|import|func|var|const|type)\b|^[)}\]]|^\/[/*]/.test(text.slice(first)) &&
      !/([-+*/%&|^<>=!,.(]|&&|\|\|)$/.test(prev)
    )
      return { at: first, msg: 'syntax error: non-declaration statement outside function body' };
    let decl = this.top?.childBefore(at) ?? null;
    while (decl?.type.isError) decl = decl.prevSibling;
    const inDecl = this.top?.childAfter(at - 1);
    const named = (n: SyntaxNode | null | undefined) => !!n && TOP_LEVEL.has(n.name);
    if ((named(decl) || named(inDecl)) && /([\w"'`)\]}])\s*$/.test(before))
      return { at, msg: `syntax error: unexpected ${tok} after top level declaration` };
    return null;
  }

  /**
   * An import group's first mistake, as gc's importDecl and list report it: something other
   * than `[name] "path"` where a spec goes, or more after a path on its line. Null if the group
   * is well formed up to its `)` (the mistake is elsewhere).
   */
  private importGroupError(open: number): { at: number; msg: string } | null {
    const text = this.text;
    for (let i = open + 1; ;) {
      while (i < text.length && /[\s;]/.test(text[i] ?? '')) i++;
      if (text.startsWith('//', i)) {
        i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
        continue;
      }
      if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) return null;
        i = end + 2;
        continue;
      }
      if (i >= text.length || text[i] === ')') return null;
      let tok = this.describe(i);
      // a local name (or `.`) for the package comes before its path
      if (tok.startsWith('name ') || tok === '.') {
        i = this.skipSpace(i + (tok === '.' ? 1 : tok.length - 5));
        tok = this.describe(i);
      }
      if (!tok.startsWith('literal ')) return { at: i, msg: 'syntax error: missing import path' };
      if (!/^literal ["`]/.test(tok))
        return { at: i, msg: 'syntax error: import path must be a string' };
      i = this.skipSpace(i + tok.length - 8);
      if (i < text.length && !/[\n;)]/.test(text[i] ?? '') && !text.startsWith('//', i))
        return {
          at: i,
          msg: `syntax error: unexpected ${this.describe(i)} in grouped declaration; possibly missing semicolon or newline or )`,
        };
    }
  }

  /**
   * The first newline between the list opened at `from` and `to` that gc turns into a
   * semicolon (after an operand, at the list's own depth), or -1.
   */
  private semicolonInList(from: number, to: number, depth: number): number {
    const text = this.text;
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
      const before = text
        .slice(from + 1, i)
        .replace(/\/\/.*$/, '')
        .trimEnd();
      if (
        before !== '' &&
        /([\w"'`)\]}]|\+\+|--)$/.test(before) &&
        this.openBrackets(i).length === depth
      )
        return i;
    }
    return -1;
  }

  /** Where a "string" is cut by a newline before `end`, or -1 (comments and raw strings skipped). */
  private newlineInString(end: number): number {
    const text = this.text;
    for (let i = 0; i < end; i++) {
      const c = text[i] as string;
      if (c === '/' && text[i + 1] === '/') {
        const e = text.indexOf('\n', i);
        i = e < 0 ? end : e;
      } else if (c === '/' && text[i + 1] === '*') {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? end : e + 1;
      } else if (c === '`') {
        const e = text.indexOf('`', i + 1);
        i = e < 0 ? end : e;
      } else if (c === '"' || c === "'") {
        for (i++; i < text.length && text[i] !== c; i++) {
          if (text[i] === '\\') i++;
          else if (text[i] === '\n') return c === '"' ? i : -1;
        }
      }
    }
    return -1;
  }

  /** Offsets of the brackets still open before `at`, outermost first (strings and comments skipped). */
  private openBrackets(at: number): number[] {
    const text = this.text;
    const stack: number[] = [];
    for (let i = 0; i < at; i++) {
      const c = text[i] as string;
      if (c === '/' && text[i + 1] === '/')
        i = text.indexOf('\n', i) < 0 ? at : text.indexOf('\n', i) - 1;
      else if (c === '/' && text[i + 1] === '*') {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? at : e + 1;
      } else if (c === '"' || c === "'") {
        for (i++; i < at && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      } else if (c === '`') {
        const e = text.indexOf('`', i + 1);
        i = e < 0 ? at : e;
      } else if (c === '(' || c === '[' || c === '{') stack.push(i);
      else if (c === ')' || c === ']' || c === '}') stack.pop();
    }
    return stack;
  }

  /**
   * Whether the token before `at` is an operator that needs an operand after it (an
   * assignment or a binary operator), where gc's parser says "expected expression".
   */
  private expectsOperand(at: number): boolean {
    let i = at;
    while (i > 0 && /\s/.test(this.text[i - 1] ?? '')) i--;
    const before = this.text.slice(Math.max(0, i - 3), i);
    return (
      /(?:[-+*/%&|^<>!:=]=|&&|\|\||<<|>>|&\^|<-|[-+*/%&|^<>=])$/.test(before) &&
      !/(\+\+|--)$/.test(before)
    );
  }

  private skipSpace(at: number): number {
    while (at < this.text.length && /[ \t\r]/.test(this.text[at] ?? '')) at++;
    return at;
  }

  /** What gc calls the token found at `at`: `name x`, `keyword else`, `literal 5`, `}`, `newline`, `EOF`. */
  private describe(at: number): string {
    at = this.skipSpace(at);
    if (at >= this.text.length) return 'EOF';
    const rest = this.text.slice(at);
    if (rest.startsWith('\n')) return 'newline';
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0];
    if (word) return KEYWORDS.has(word) ? `keyword ${word}` : `name ${word}`;
    const lit = /^("(?:[^"\\\n]|\\.)*"?|`[^`]*`?|'(?:[^'\\\n]|\\.)*'?|[0-9][0-9a-zA-Z_.]*)/.exec(
      rest,
    )?.[0];
    if (lit) return `literal ${lit}`;
    const op =
      /^(<<=|>>=|&\^=|\.\.\.|&&|\|\||<-|\+\+|--|==|!=|<=|>=|:=|[-+*/%&|^<>]=|<<|>>|&\^|.)/.exec(
        rest,
      )?.[0];
    if (op === ',') return 'comma';
    if (op === ';') return 'semicolon';
    return op ?? 'EOF';
  }

  // ---- declarations --------------------------------------------------------------------

  private specs(decl: SyntaxNode, name: string): SyntaxNode[] {
    const list = decl.getChild('SpecList');
    return list ? list.getChildren(name) : decl.getChildren(name);
  }

  private importSpec(n: SyntaxNode): ImportSpec {
    const str = n.getChild('String');
    const def = n.getChild('DefName');
    if (!str) fail(this.pos(n), 'syntax error: missing import path', 'syntax');
    if (this.has(n, '.')) unsupported(this.pos(n), 'dot imports');
    return { pos: this.pos(str), path: this.stringLit(str), name: def ? this.src(def) : null };
  }

  private ident(n: SyntaxNode): Ident {
    return { name: this.src(n), pos: this.pos(n) };
  }

  /** `[K comparable, V any]`: each group of names with its constraint */
  private typeParams(n: SyntaxNode | null): TypeParamDecl[] | null {
    if (!n) return null;
    return n.getChildren('TypeParam').map((p) => {
      const kids = this.kids(p);
      const last = kids[kids.length - 1];
      if (!last || kids.length < 2)
        fail(this.pos(p), 'syntax error: missing type constraint', 'syntax');
      return { names: kids.slice(0, -1).map((k) => this.ident(k)), constraint: this.type(last) };
    });
  }

  private funcDecl(n: SyntaxNode): FuncDecl {
    const params = n.getChildren('Parameters');
    let recv: Param | null = null;
    let nameNode: SyntaxNode | null;
    let sigStart = 0;
    if (n.name === 'MethodDecl') {
      const rp = params[0] ? this.params(params[0]) : [];
      if (rp.length !== 1) fail(this.pos(n), 'method has multiple receivers');
      recv = rp[0] ?? null;
      nameNode = n.getChild('FieldName');
      sigStart = 1;
    } else {
      nameNode = n.getChild('DefName');
    }
    if (!nameNode) fail(this.pos(n), 'syntax error: missing function name', 'syntax');
    const sig = this.signature(n, sigStart);
    const body = n.getChild('Block');
    return {
      k: 'func',
      pos: this.pos(n),
      name: this.ident(nameNode),
      recv,
      sig,
      body: body ? this.block(body) : null,
      tparams: this.typeParams(n.getChild('TypeParams')),
    };
  }

  /** The signature whose parameter list is the `skip`-th Parameters child of n. */
  private signature(n: SyntaxNode, skip: number): Signature {
    const ps = n.getChildren('Parameters');
    const paramsNode = ps[skip];
    if (!paramsNode) fail(this.pos(n), 'syntax error: missing parameters', 'syntax');
    const params = this.params(paramsNode);
    let results: Param[] = [];
    const resNode = paramsNode.nextSibling;
    if (resNode && resNode.name === 'Parameters') results = this.params(resNode);
    else if (resNode && resNode.name !== 'Block' && !isPunct(resNode.name))
      results = [{ name: null, pos: this.pos(resNode), type: this.type(resNode) }];
    const variadic = paramsNode.getChildren('Parameter').some((p) => this.has(p, '...'));
    return { params, results, variadic };
  }

  private params(n: SyntaxNode): Param[] {
    // Go groups `a, b int`: names without a type take the next type. A parameter list either
    // names every parameter or none.
    const out: Param[] = [];
    const pending: Ident[] = [];
    const raw = n.getChildren('Parameter');
    const named = raw.some((p) => p.getChild('DefName') && this.kids(p).length > 1);
    for (const p of raw) {
      const kids = this.kids(p);
      const names = p.getChildren('DefName');
      const typeNode = kids.find((k) => k.name !== 'DefName');
      const variadic = !!this.has(p, '...');
      if (!typeNode) {
        // A lone identifier: a name waiting for a type when the list is named, else a type.
        if (named) {
          for (const d of names) pending.push(this.ident(d));
          continue;
        }
        const d = names[0];
        if (d)
          out.push({
            name: null,
            pos: this.pos(d),
            type: { k: 'tname', pos: this.pos(d), pkg: null, name: this.src(d) },
          });
        continue;
      }
      let type = this.type(typeNode);
      if (variadic) type = { k: 'tslice', pos: this.pos(typeNode), elem: type };
      for (const id of pending) out.push({ name: id.name, pos: id.pos, type });
      pending.length = 0;
      if (names.length === 0) out.push({ name: null, pos: this.pos(typeNode), type });
      for (const d of names) out.push({ name: this.src(d), pos: this.pos(d), type });
    }
    if (pending.length > 0)
      fail(
        pending[0]?.pos ?? this.pos(n),
        'syntax error: mixed named and unnamed parameters',
        'syntax',
      );
    return out;
  }

  private valueSpecs(n: SyntaxNode, specName: string): ValueSpec[] {
    return this.specs(n, specName).map((s) => this.valueSpec(s, specName === 'VarSpec'));
  }

  private valueSpec(s: SyntaxNode, isVar: boolean): ValueSpec {
    const names: Ident[] = [];
    let type: TypeExpr | null = null;
    const values: Expr[] = [];
    let afterEq = false;
    let end = s.from;
    for (const c of this.all(s)) {
      if (c.name === '=') afterEq = true;
      else if (isPunct(c.name)) continue;
      else if (!afterEq && c.name === 'DefName') {
        names.push(this.ident(c));
        end = c.to;
      } else if (!afterEq) type = this.type(c);
      else values.push(this.expr(c));
    }
    // `var s` alone: the syntax package's parser wants a type after the names
    if (isVar && !type && !afterEq) {
      const at = this.skipSpace(end);
      fail(this.pos(at), `syntax error: unexpected ${this.describe(end)}, expected type`, 'syntax');
    }
    return { pos: this.pos(s), names, type, values };
  }

  private typeSpecs(n: SyntaxNode): TypeSpec[] {
    return this.specs(n, 'TypeSpec').map((s) => {
      const name = s.getChild('DefName');
      const kids = this.kids(s).filter((k) => k.name !== 'DefName' && k.name !== 'TypeParams');
      const t = kids[0];
      if (!name || !t) fail(this.pos(s), 'syntax error: incomplete type declaration', 'syntax');
      return {
        pos: this.pos(s),
        name: this.ident(name),
        type: this.type(t),
        alias: !!this.has(s, '='),
        tparams: this.typeParams(s.getChild('TypeParams')),
      };
    });
  }

  // ---- types ---------------------------------------------------------------------------

  type(n: SyntaxNode): TypeExpr {
    const pos = this.pos(n);
    switch (n.name) {
      case 'TypeName':
      case 'VariableName':
      case 'DefName':
        return { k: 'tname', pos, pkg: null, name: this.src(n) };
      case 'QualifiedType': {
        const parts = this.kids(n);
        const pkg = parts[0];
        const name = parts[parts.length - 1];
        if (!pkg || !name || parts.length !== 2) unsupported(pos, 'this qualified type');
        return { k: 'tname', pos, pkg: this.src(pkg), name: this.src(name) };
      }
      case 'SelectorExpr': {
        // `pkg.Type` in expression position (e.g. a conversion argument)
        const [x, f] = this.kids(n);
        if (x?.name === 'VariableName' && f)
          return { k: 'tname', pos, pkg: this.src(x), name: this.src(f) };
        break;
      }
      case 'PointerType': {
        const [e] = this.kids(n);
        if (!e) break;
        return { k: 'tptr', pos, elem: this.type(e) };
      }
      case 'UnaryExp': {
        // `*T` parsed as an expression (inside conversions)
        const [op, e] = this.kids(n);
        if (op && this.src(op) === '*' && e) return { k: 'tptr', pos, elem: this.type(e) };
        break;
      }
      case 'SliceType': {
        const [e] = this.kids(n);
        if (!e) break;
        // ([...]T: an array as long as its literal, which the compiler counts)
        if (this.has(n, '...')) return { k: 'tarray', pos, len: null, elem: this.type(e) };
        return { k: 'tslice', pos, elem: this.type(e) };
      }
      case 'ArrayType': {
        const [len, e] = this.kids(n);
        if (!len || !e) break;
        return { k: 'tarray', pos, len: this.expr(len), elem: this.type(e) };
      }
      case 'MapType': {
        const [kt, vt] = this.kids(n);
        if (!kt || !vt) break;
        return { k: 'tmap', pos, key: this.type(kt), elem: this.type(vt) };
      }
      case 'StructType':
        return { k: 'tstruct', pos, fields: this.fields(n) };
      case 'FunctionType':
        return { k: 'tfunc', pos, sig: this.signature(n, 0) };
      case 'InterfaceType':
        return { k: 'tiface', pos, ...this.methods(n) };
      case 'ParenthesizedType':
      case 'ParenthesizedExpr': {
        const [t] = this.kids(n);
        if (!t) break;
        return { k: 'tparen', pos, t: this.type(t) };
      }
      case 'ChannelType': {
        const [elem] = this.kids(n);
        if (!elem) break;
        // <-chan T, chan<- T, chan T (the arrow is a token of its own)
        const first = n.firstChild?.name;
        const dir = first === '<-' ? 'recv' : this.has(n, '<-') ? 'send' : 'both';
        return { k: 'tchan', pos, dir, elem: this.type(elem) };
      }
      case 'TypeElem':
      case 'UnderlyingType':
        return { k: 'tunion', pos, terms: this.terms(n) };
      case 'ParameterizedExpr':
      case 'ParameterizedType': {
        const base = this.kids(n)[0];
        if (!base) break;
        const args = n.getChild('TypeArgs');
        return {
          k: 'tinst',
          pos,
          base: this.type(base),
          args: args ? this.kids(args).map((a) => this.type(a)) : [],
        };
      }
    }
    fail(pos, `syntax error: unexpected ${this.describe(n.from)}, expected type`, 'syntax');
  }

  /** A type element's terms: `~int | string` (an UnderlyingType is one term, `~int`). */
  private terms(n: SyntaxNode): { tilde: boolean; type: TypeExpr }[] {
    if (n.name === 'UnderlyingType') {
      const t = this.kids(n).find((k) => k.name !== '~');
      if (!t) fail(this.pos(n), 'syntax error: missing type after ~', 'syntax');
      return [{ tilde: true, type: this.type(t) }];
    }
    const out: { tilde: boolean; type: TypeExpr }[] = [];
    for (const k of this.kids(n)) {
      if (k.name === 'LogicOp' || isPunct(k.name)) continue;
      if (k.name === 'UnderlyingType') out.push(...this.terms(k));
      else out.push({ tilde: false, type: this.type(k) });
    }
    return out;
  }

  private fields(n: SyntaxNode): FieldSpec[] {
    const body = n.getChild('StructBody');
    const out: FieldSpec[] = [];
    for (const f of body ? body.getChildren('FieldDecl') : []) {
      const names = f.getChildren('FieldName');
      const tagNode = f.getChild('String');
      const tag = tagNode ? this.stringLit(tagNode) : '';
      const typeNode = this.kids(f).find((k) => k.name !== 'FieldName' && k.name !== 'String');
      if (!typeNode) fail(this.pos(f), 'syntax error: missing field type', 'syntax');
      if (names.length === 0) {
        // an embedded field is named after its type, a pointer's after the type it points to
        let t = this.type(typeNode);
        if (this.has(f, '*') && t.k !== 'tptr') t = { k: 'tptr', pos: this.pos(f), elem: t };
        let named = t.k === 'tptr' ? t.elem : t;
        // (an instance of a generic type is named after the type: SafeMap[string, int])
        if (named.k === 'tinst') named = named.base;
        const name = named.k === 'tname' ? named.name : '?';
        out.push({ name, pos: this.pos(f), type: t, embedded: true, tag });
      } else {
        const t = this.type(typeNode);
        for (const nm of names)
          out.push({ name: this.src(nm), pos: this.pos(nm), type: t, embedded: false, tag });
      }
    }
    return out;
  }

  private methods(n: SyntaxNode): { methods: MethodSpec[]; embeds: TypeExpr[] } {
    const body = n.getChild('InterfaceBody');
    const methods: MethodSpec[] = [];
    const embeds: TypeExpr[] = [];
    for (const c of body ? this.kids(body) : []) {
      if (c.name === 'TypeName' || c.name === 'QualifiedType') {
        embeds.push(this.type(c));
        continue;
      }
      if (c.name === 'TypeElem' || c.name === 'UnderlyingType') {
        embeds.push({ k: 'tunion', pos: this.pos(c), terms: this.terms(c) });
        continue;
      }
      if (c.name !== 'MethodElem')
        fail(
          this.pos(c),
          `syntax error: unexpected ${this.describe(c.from)} in interface type`,
          'syntax',
        );
      const name = c.getChild('FieldName');
      if (!name) continue;
      methods.push({ name: this.src(name), pos: this.pos(name), sig: this.signature(c, 0) });
    }
    return { methods, embeds };
  }

  // ---- statements ----------------------------------------------------------------------

  block(n: SyntaxNode): Block {
    const stmts: Stmt[] = [];
    for (const c of this.kids(n)) stmts.push(this.stmt(c));
    return { pos: this.pos(n), stmts, end: this.pos(Math.max(n.from, n.to - 1)) };
  }

  private stmts(nodes: SyntaxNode[]): Stmt[] {
    return nodes.map((c) => this.stmt(c));
  }

  stmt(n: SyntaxNode): Stmt {
    const pos = this.pos(n);
    switch (n.name) {
      case 'ExprStatement': {
        const [x] = this.kids(n);
        if (!x) break;
        return { k: 'expr', pos, x: this.expr(x) };
      }
      case 'IncDecStatement': {
        const [x, op] = this.kids(n);
        if (!x || !op) break;
        return { k: 'incdec', pos, x: this.expr(x), op: this.src(op) === '++' ? '++' : '--' };
      }
      case 'Assignment': {
        const lhs: Expr[] = [];
        const rhs: Expr[] = [];
        let op = '=';
        let right = false;
        for (const c of this.all(n)) {
          if (c.name === '=' || c.name === 'UpdateOp') {
            op = this.src(c);
            right = true;
          } else if (!isPunct(c.name)) (right ? rhs : lhs).push(this.expr(c));
        }
        return { k: 'assign', pos, lhs, op, rhs };
      }
      case 'VarDecl': {
        if (this.has(n, ':=')) {
          const names: Ident[] = [];
          const rhs: Expr[] = [];
          let right = false;
          for (const c of this.all(n)) {
            if (c.name === ':=') right = true;
            else if (isPunct(c.name)) continue;
            else if (!right) names.push(this.ident(c));
            else rhs.push(this.expr(c));
          }
          return { k: 'define', pos, names, rhs };
        }
        return { k: 'var', pos, specs: this.valueSpecs(n, 'VarSpec') };
      }
      case 'ConstDecl':
        return { k: 'const', pos, specs: this.valueSpecs(n, 'ConstSpec') };
      case 'TypeDecl':
        return { k: 'type', pos, specs: this.typeSpecs(n) };
      case 'Block':
        return { k: 'block', pos, block: this.block(n) };
      case 'IfStatement':
        return this.ifStmt(n);
      case 'ForStatement':
        return this.forStmt(n);
      case 'SwitchStatement':
        return this.switchStmt(n);
      case 'TypeSwitchStatement':
        return this.typeSwitch(n);
      case 'GoStatement':
      case 'DeferStatement': {
        const [x] = this.kids(n);
        if (!x) break;
        const call = this.expr(x);
        return n.name === 'GoStatement' ? { k: 'go', pos, call } : { k: 'defer', pos, call };
      }
      case 'ReturnStatement':
        return { k: 'return', pos, results: this.kids(n).map((c) => this.expr(c)) };
      case 'GotoStatement': {
        const first = n.firstChild;
        const label = n.getChild('LabelName');
        const tok = first ? this.src(first) : 'break';
        if (tok === 'goto') unsupported(pos, 'goto');
        return {
          k: 'branch',
          pos,
          tok: tok === 'continue' ? 'continue' : 'break',
          label: label ? this.ident(label) : null,
        };
      }
      case 'LabeledStatement': {
        const label = n.getChild('LabelName');
        const inner = this.kids(n).filter((c) => c.name !== 'LabelName')[0];
        if (!label) break;
        return {
          k: 'labeled',
          pos,
          label: this.ident(label),
          stmt: inner ? this.stmt(inner) : null,
        };
      }
      case 'FallthroughStatement':
        return { k: 'fallthrough', pos };
      case 'SendStatement': {
        const [ch, value] = this.kids(n);
        if (!ch || !value) break;
        return {
          k: 'send',
          pos: this.pos(this.has(n, '<-') ?? n),
          ch: this.expr(ch),
          value: this.expr(value),
        };
      }
      case 'SelectStatement':
        return this.selectStmt(n);
    }
    if (n.name === 'FunctionDecl' || n.name === 'MethodDecl')
      fail(pos, 'syntax error: unexpected keyword func, expected expression', 'syntax');
    fail(pos, `syntax error: unexpected ${this.describe(n.from)}`, 'syntax');
  }

  private ifStmt(n: SyntaxNode): Stmt {
    const kids = this.kids(n);
    let i = 0;
    let init: Stmt | null = null;
    // `if init; cond {` : the init is followed by a `;` token.
    const semi = this.has(n, ';');
    if (semi && kids[0] && kids[0].from < semi.from) init = this.stmt(kids[i++]!);
    const condNode = kids[i++];
    const thenNode = kids[i++];
    if (!condNode || !thenNode)
      fail(this.pos(n), 'syntax error: missing condition in if statement', 'syntax');
    const elseNode = kids[i];
    let elseStmt: Stmt | null = null;
    if (elseNode)
      elseStmt =
        elseNode.name === 'IfStatement'
          ? this.ifStmt(elseNode)
          : { k: 'block', pos: this.pos(elseNode), block: this.block(elseNode) };
    return {
      k: 'if',
      pos: this.pos(n),
      init,
      cond: this.expr(condNode),
      then: this.block(thenNode),
      else: elseStmt,
    };
  }

  private forStmt(n: SyntaxNode): Stmt {
    const pos = this.pos(n);
    const body = n.getChild('Block');
    if (!body) fail(pos, 'syntax error: missing loop body', 'syntax');
    const fc = n.getChild('ForClause');
    const rc = n.getChild('RangeClause');
    if (rc) {
      const lhs: SyntaxNode[] = [];
      let x: SyntaxNode | null = null;
      let seenRange = false;
      for (const c of this.all(rc)) {
        if (c.name === 'range') seenRange = true;
        else if (isPunct(c.name)) continue;
        else if (seenRange) x = c;
        else lhs.push(c);
      }
      if (!x) fail(pos, 'syntax error: missing range expression', 'syntax');
      // (types2's words, at the third)
      if (lhs[2]) fail(this.pos(lhs[2]), 'range clause permits at most two iteration variables');
      const define = !!this.has(rc, ':=');
      const conv = (c: SyntaxNode | undefined): Expr | null =>
        c
          ? c.name === 'DefName'
            ? { k: 'ident', pos: this.pos(c), name: this.src(c) }
            : this.expr(c)
          : null;
      return {
        k: 'range',
        pos,
        key: conv(lhs[0]),
        value: conv(lhs[1]),
        define,
        x: this.expr(x),
        body: this.block(body),
      };
    }
    if (fc) {
      // ForClause { init? ";" cond? ";" post? }
      const parts: (SyntaxNode | null)[] = [null, null, null];
      let slot = 0;
      for (const c of this.all(fc)) {
        if (c.name === ';') slot++;
        else if (!isPunct(c.name)) parts[slot] = c;
      }
      const [ini, cond, post] = parts;
      return {
        k: 'for',
        pos,
        init: ini ? this.stmt(ini) : null,
        cond: cond ? this.expr(cond) : null,
        post: post ? this.stmt(post) : null,
        body: this.block(body),
      };
    }
    const cond = this.kids(n).find((c) => c.name !== 'Block');
    return {
      k: 'for',
      pos,
      init: null,
      cond: cond ? this.expr(cond) : null,
      post: null,
      body: this.block(body),
    };
  }

  private switchStmt(n: SyntaxNode): Stmt {
    const pos = this.pos(n);
    const blockNode = n.getChild('SwitchBlock');
    if (!blockNode) fail(pos, 'syntax error: missing switch body', 'syntax');
    const head = this.kids(n).filter((c) => c.name !== 'SwitchBlock');
    const semi = this.has(n, ';');
    let init: Stmt | null = null;
    let tag: Expr | null = null;
    for (const h of head) {
      if (semi && h.from < semi.from) init = this.stmt(h);
      else tag = this.expr(h);
    }
    const cases: CaseClause[] = [];
    let cur: { pos: Pos; exprs: Expr[] | null; body: SyntaxNode[] } | null = null;
    for (const c of this.kids(blockNode)) {
      if (c.name === 'Case') {
        if (cur) cases.push({ pos: cur.pos, exprs: cur.exprs, body: this.stmts(cur.body) });
        const isDefault = !!this.has(c, 'default');
        cur = {
          pos: this.pos(c),
          exprs: isDefault ? null : this.kids(c).map((e) => this.expr(e)),
          body: [],
        };
      } else if (cur) cur.body.push(c);
    }
    if (cur) cases.push({ pos: cur.pos, exprs: cur.exprs, body: this.stmts(cur.body) });
    return {
      k: 'switch',
      pos,
      init,
      tag,
      cases,
      end: this.pos(Math.max(blockNode.from, blockNode.to - 1)),
    };
  }

  /** `select { case ch <- v: … case v, ok := <-ch: … default: … }` */
  private selectStmt(n: SyntaxNode): Stmt {
    const pos = this.pos(n);
    const blockNode = n.getChild('SelectBlock');
    if (!blockNode) fail(pos, 'syntax error: missing select body', 'syntax');
    const cases: SelectClause[] = [];
    let cur: { pos: Pos; comm: SelectComm | null; body: SyntaxNode[] } | null = null;
    const flush = () => {
      if (cur) cases.push({ pos: cur.pos, comm: cur.comm, body: this.stmts(cur.body) });
    };
    for (const c of this.kids(blockNode)) {
      if (c.name !== 'Case') {
        if (cur) cur.body.push(c);
        continue;
      }
      flush();
      const [comm] = this.kids(c);
      cur = { pos: this.pos(c), comm: comm ? this.selectComm(comm) : null, body: [] };
    }
    flush();
    return { k: 'select', pos, cases, end: this.pos(Math.max(blockNode.from, blockNode.to - 1)) };
  }

  private selectComm(n: SyntaxNode): SelectComm {
    const pos = this.pos(n);
    if (n.name === 'SendStatement') {
      const s = this.stmt(n);
      if (s.k !== 'send') fail(pos, 'syntax error: bad send in select case', 'syntax');
      return { k: 'send', pos: s.pos, ch: s.ch, value: s.value };
    }
    const parts = this.kids(n);
    const last = parts[parts.length - 1];
    const x = last ? this.expr(last) : null;
    if (n.name !== 'ReceiveStatement' || !x || x.k !== 'unary' || x.op !== '<-')
      fail(pos, 'syntax error: select case must be receive, send or assign recv', 'syntax');
    const define = !!this.has(n, ':=');
    const lhs = parts
      .slice(0, -1)
      .map((p) =>
        p.name === 'DefName'
          ? ({ k: 'ident', pos: this.pos(p), name: this.src(p) } as Expr)
          : this.expr(p),
      );
    return { k: 'recv', pos, x, lhs, define };
  }

  /** `switch [init;] [v :=] x.(type) { case T1, T2: … case nil: … default: … }` */
  private typeSwitch(n: SyntaxNode): Stmt {
    const pos = this.pos(n);
    const blockNode = n.getChild('SwitchBlock');
    if (!blockNode) fail(pos, 'syntax error: missing switch body', 'syntax');
    const semi = this.has(n, ';');
    const dot = this.has(n, '.');
    let init: Stmt | null = null;
    let bind: Ident | null = null;
    let x: Expr | null = null;
    for (const h of this.kids(n)) {
      if (h.name === 'SwitchBlock' || h.name === 'type') continue;
      if (semi && h.from < semi.from) init = this.stmt(h);
      else if (h.name === 'DefName') bind = this.ident(h);
      else if (!dot || h.to <= dot.from) x = this.expr(h);
    }
    if (!x) fail(pos, 'syntax error: missing type switch guard', 'syntax');
    const cases: CaseClause[] = [];
    let cur: { pos: Pos; types: (TypeExpr | null)[] | null; body: SyntaxNode[] } | null = null;
    const close = () => {
      if (cur)
        cases.push({
          pos: cur.pos,
          exprs: cur.types === null ? null : [],
          types: cur.types,
          body: this.stmts(cur.body),
        });
    };
    for (const c of this.kids(blockNode)) {
      if (c.name === 'Case') {
        close();
        cur = {
          pos: this.pos(c),
          types: this.has(c, 'default')
            ? null
            : this.kids(c).map((t) => (this.src(t) === 'nil' ? null : this.type(t))),
          body: [],
        };
      } else if (cur) cur.body.push(c);
    }
    close();
    return {
      k: 'switch',
      pos,
      init,
      tag: null,
      guard: { bind, x },
      cases,
      end: this.pos(Math.max(blockNode.from, blockNode.to - 1)),
    };
  }

  // ---- expressions ---------------------------------------------------------------------

  expr(n: SyntaxNode): Expr {
    const pos = this.pos(n);
    switch (n.name) {
      case 'VariableName':
      case 'DefName':
      case 'TypeName':
        return { k: 'ident', pos, name: this.src(n) };
      case 'Bool':
      case 'Nil':
        return { k: 'ident', pos, name: this.src(n) };
      case 'Number':
        return this.number(n);
      case 'String':
        return { k: 'string', pos, value: this.stringLit(n) };
      case 'Rune':
        return { k: 'rune', pos, value: this.runeLit(n) };
      case 'ParenthesizedExpr': {
        const [x] = this.kids(n);
        if (!x) break;
        return { k: 'paren', pos, x: this.expr(x) };
      }
      case 'FunctionLiteral': {
        const body = n.getChild('Block');
        if (!body) break;
        return { k: 'funclit', pos, sig: this.signature(n, 0), body: this.block(body) };
      }
      case 'TypedLiteral': {
        const [t, lit] = this.kids(n);
        if (!t || !lit) break;
        return { k: 'composite', pos, type: this.type(t), elts: this.literal(lit) };
      }
      case 'LiteralValue':
        return { k: 'composite', pos, type: null, elts: this.literal(n) };
      case 'SelectorExpr': {
        const [x, f] = this.kids(n);
        if (!x || !f) break;
        return this.postfix(this.expr(x), (b) => ({
          k: 'selector',
          pos: b.pos,
          x: b,
          sel: this.src(f),
          selPos: this.pos(f),
        }));
      }
      case 'IndexExpr': {
        const [x, i] = this.kids(n);
        if (!x || !i) break;
        const index = this.expr(i);
        return this.postfix(this.expr(x), (b) => ({ k: 'index', pos: b.pos, x: b, index }));
      }
      case 'SliceExpr':
        return this.sliceExpr(n);
      case 'TypeAssertion': {
        const [x, t] = this.kids(n);
        if (!x || !t) break;
        const tt = this.type(t);
        return this.postfix(this.expr(x), (b) => ({ k: 'assert', pos: b.pos, x: b, t: tt }));
      }
      case 'CallExpr':
        return this.callExpr(n);
      case 'Conversion': {
        const [t, x] = this.kids(n);
        if (!t || !x) break;
        const arg = this.expr(x);
        const lparen = this.has(n, '(');
        return {
          k: 'call',
          pos,
          fun: { k: 'typeexpr', pos, t: this.type(t) },
          args: [arg],
          ellipsis: false,
          lparen: lparen ? this.pos(lparen) : pos,
        };
      }
      case 'UnaryExp': {
        const [op, x] = this.kids(n);
        // (a receive's arrow is a token, not a node of its own)
        if (n.firstChild?.name === '<-') {
          if (!op) break;
          return { k: 'unary', pos, op: '<-', x: this.expr(op) };
        }
        const opText = op ? this.src(op) : this.src(n.firstChild ?? n);
        const xn = x ?? op;
        if (!xn) break;
        return { k: 'unary', pos, op: opText, x: this.expr(x ?? xn) };
      }
      case 'BinaryExp': {
        const [x, op, y] = this.kids(n);
        if (!x || !op || !y) break;
        return binary(pos, this.src(op), this.pos(op), this.expr(x), this.expr(y));
      }
      case 'SliceType':
      case 'MapType':
      case 'PointerType':
      case 'StructType':
      case 'FunctionType':
      case 'InterfaceType':
      case 'QualifiedType':
      case 'ArrayType':
      case 'ChannelType':
        return { k: 'typeexpr', pos, t: this.type(n) };
      case 'ParameterizedExpr': {
        const [x, targs] = this.kids(n);
        if (!x || targs?.name !== 'TypeArgs') break;
        return {
          k: 'inst',
          pos,
          x: this.expr(x),
          targs: this.kids(targs).map((a) => this.type(a)),
        };
      }
    }
    fail(pos, `syntax error: unexpected ${this.describe(n.from)}, expected expression`, 'syntax');
  }

  /**
   * Apply a postfix operator to `base`, pushing it below unary and binary operators that the
   * grammar wrongly bound more tightly (see the file comment).
   */
  private postfix(base: Expr, make: (b: Expr) => Expr): Expr {
    if (base.k === 'binary') return { ...base, y: this.postfix(base.y, make) };
    if (base.k === 'unary') return { ...base, x: this.postfix(base.x, make) };
    return make(base);
  }

  private sliceExpr(n: SyntaxNode): Expr {
    const all = this.all(n);
    const x = all[0];
    if (!x) fail(this.pos(n), 'syntax error: bad slice expression', 'syntax');
    const parts: (Expr | null)[] = [null, null, null];
    let slot = 0;
    for (const c of all.slice(1)) {
      if (c.name === ':') slot++;
      else if (!isPunct(c.name)) parts[slot] = this.expr(c);
    }
    const [lo, hi, max] = parts;
    return this.postfix(this.expr(x), (b) => ({
      k: 'slice',
      pos: b.pos,
      x: b,
      lo: lo ?? null,
      hi: hi ?? null,
      max: max ?? null,
    }));
  }

  private callExpr(n: SyntaxNode): Expr {
    const pos = this.pos(n);
    const first = n.firstChild;
    const argsNode = n.getChild('Arguments');
    if (!first || !argsNode) fail(pos, 'syntax error: bad call', 'syntax');
    const lparen = this.pos(argsNode);
    const ellipsis = !!this.has(argsNode, '...');
    if (first.name === 'make' || first.name === 'new') {
      // newArguments: the first argument is a type
      const kids = this.kids(argsNode);
      const args = kids.map((c, i) =>
        i === 0 ? ({ k: 'typeexpr', pos: this.pos(c), t: this.type(c) } as Expr) : this.expr(c),
      );
      return { k: 'call', pos, fun: { k: 'ident', pos, name: first.name }, args, ellipsis, lparen };
    }
    const args = this.kids(argsNode).map((c) => this.argExpr(c));
    return this.postfix(this.expr(first), (b) => ({
      k: 'call',
      pos: b.pos,
      fun: b,
      args,
      ellipsis,
      lparen,
    }));
  }

  /** Arguments may be types (`make`, conversions through a variable name are resolved later). */
  private argExpr(c: SyntaxNode): Expr {
    return this.expr(c);
  }

  private literal(n: SyntaxNode): Element[] {
    const out: Element[] = [];
    for (const el of n.getChildren('Element')) {
      const keyNode = el.getChild('Key');
      const parts = this.kids(el).filter((c) => c.name !== 'Key');
      const valueNode = parts[0];
      if (!valueNode) continue;
      let key: Expr | null = null;
      if (keyNode) {
        const [k] = this.kids(keyNode);
        if (k) key = this.expr(k);
      }
      out.push({ key, value: this.expr(valueNode), pos: this.pos(el) });
    }
    return out;
  }

  // ---- literals ------------------------------------------------------------------------

  private number(n: SyntaxNode): Expr {
    const pos = this.pos(n);
    const text = this.src(n);
    const clean = text.replace(/_/g, '');
    if (clean.endsWith('i')) unsupported(pos, 'complex numbers');
    // (exact past 2^53 too: a bigint there, see runtime/int64.ts)
    let digits: string;
    if (/^0[xX][0-9a-fA-F]+$/.test(clean)) digits = clean;
    else if (/^0[bB][01]+$/.test(clean)) digits = clean;
    else if (/^0[oO]?[0-7]+$/.test(clean)) digits = `0o${clean.replace(/^0[oO]?/, '')}`;
    else if (/^[0-9]+$/.test(clean)) digits = clean;
    else {
      const value = Number(clean);
      if (Number.isNaN(value)) fail(pos, `syntax error: malformed number ${text}`, 'syntax');
      return { k: 'float', pos, value, text };
    }
    return { k: 'int', pos, value: norm(BigInt(digits)), text };
  }

  private stringLit(n: SyntaxNode): string {
    const raw = this.src(n);
    if (raw.startsWith('`')) return raw.slice(1, -1).replace(/\r/g, '');
    if (raw.length < 2 || !raw.endsWith('"')) fail(this.pos(n), 'newline in string', 'syntax');
    return this.unescape(raw.slice(1, -1), n, '"');
  }

  private runeLit(n: SyntaxNode): number {
    const raw = this.src(n);
    if (raw.length < 3 || !raw.endsWith("'"))
      fail(this.pos(n), 'rune literal not terminated', 'syntax');
    const s = this.unescape(raw.slice(1, -1), n, "'");
    const cp = s.codePointAt(0);
    if (cp === undefined || [...s].length !== 1)
      fail(this.pos(n), 'more than one character in rune literal', 'syntax');
    return cp;
  }

  /**
   * The text of a literal's body. In a string, \x and octal escapes are bytes, read together
   * with the rest as UTF-8 ("\xc3\xa9" is é; a byte that is not valid UTF-8 is U+FFFD, as every
   * string here holds text); in a rune literal they are the rune's value.
   */
  private unescape(s: string, n: SyntaxNode, quote: string): string {
    const bytes: number[] = [];
    const text = (t: string) => bytes.push(...UTF8.encode(t));
    const simple = SIMPLE_ESCAPES;
    let runeValue: number | null = null;
    for (let i = 0; i < s.length; i++) {
      if (s[i] !== '\\') {
        const c = s.codePointAt(i) as number;
        text(String.fromCodePoint(c));
        if (c > 0xffff) i++;
        continue;
      }
      const e = s[++i];
      if (e !== undefined && e in simple) text(simple[e] as string);
      else if (e === quote) text(quote);
      else if (e === 'x' || e === 'u' || e === 'U') {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = s.slice(i + 1, i + 1 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex))
          fail(this.pos(n), 'invalid escape sequence', 'syntax');
        const v = parseInt(hex, 16);
        i += len;
        if (e === 'x') {
          bytes.push(v);
          runeValue = v;
          continue;
        }
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
          fail(
            this.pos(n),
            `escape is invalid Unicode code point U+${v.toString(16).toUpperCase().padStart(4, '0')}`,
            'syntax',
          );
        text(String.fromCodePoint(v));
      } else if (e !== undefined && /[0-7]/.test(e)) {
        const v = parseInt(s.slice(i, i + 3), 8);
        if (v > 255) fail(this.pos(n), `octal escape value ${v} > 255`, 'syntax');
        bytes.push(v);
        runeValue = v;
        i += 2;
      } else fail(this.pos(n), 'unknown escape sequence', 'syntax');
    }
    // (a rune literal of one byte escape is that value: '\xff' is 255)
    if (quote === "'" && runeValue !== null && bytes.length === 1)
      return String.fromCodePoint(runeValue);
    return new TextDecoder().decode(Uint8Array.from(bytes));
  }
}

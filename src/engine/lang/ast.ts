/**
 * Interleave's own syntax tree for the Go subset, built from the @lezer/go parse tree by
 * `parse.ts`. Every node carries the position of its first token.
 */
import type { Pos } from './source';

export interface Ident {
  readonly name: string;
  readonly pos: Pos;
}

export type TypeExpr =
  | { readonly k: 'tname'; readonly pos: Pos; readonly pkg: string | null; readonly name: string }
  | { readonly k: 'tptr'; readonly pos: Pos; readonly elem: TypeExpr }
  | { readonly k: 'tslice'; readonly pos: Pos; readonly elem: TypeExpr }
  | { readonly k: 'tarray'; readonly pos: Pos; readonly len: Expr | null; readonly elem: TypeExpr }
  | { readonly k: 'tmap'; readonly pos: Pos; readonly key: TypeExpr; readonly elem: TypeExpr }
  | {
      readonly k: 'tchan';
      readonly pos: Pos;
      readonly dir: 'both' | 'send' | 'recv';
      readonly elem: TypeExpr;
    }
  | { readonly k: 'tstruct'; readonly pos: Pos; readonly fields: readonly FieldSpec[] }
  | { readonly k: 'tfunc'; readonly pos: Pos; readonly sig: Signature }
  | {
      readonly k: 'tiface';
      readonly pos: Pos;
      readonly methods: readonly MethodSpec[];
      /** embedded interfaces (`interface{ error; Code() int }`) */
      readonly embeds: readonly TypeExpr[];
    }
  | { readonly k: 'tparen'; readonly pos: Pos; readonly t: TypeExpr }
  /** a constraint's type terms, `~int | ~string` (alone or in an interface) */
  | { readonly k: 'tunion'; readonly pos: Pos; readonly terms: readonly TypeTerm[] }
  /** a generic type instantiated: `atomic.Pointer[Config]` */
  | {
      readonly k: 'tinst';
      readonly pos: Pos;
      readonly base: TypeExpr;
      readonly args: readonly TypeExpr[];
    };

export interface TypeTerm {
  readonly tilde: boolean;
  readonly type: TypeExpr;
}

/** `K, V any` in `[K comparable, V any]`: type parameters and their constraint */
export interface TypeParamDecl {
  readonly names: readonly Ident[];
  readonly constraint: TypeExpr;
}

export interface FieldSpec {
  readonly name: string;
  readonly pos: Pos;
  readonly type: TypeExpr;
  readonly embedded: boolean;
  /** the field's tag, `json:"id"` (its value, unquoted), or '' */
  readonly tag: string;
}

export interface MethodSpec {
  readonly name: string;
  readonly pos: Pos;
  readonly sig: Signature;
}

export interface Param {
  readonly name: string | null;
  readonly pos: Pos;
  readonly type: TypeExpr;
}

export interface Signature {
  readonly params: readonly Param[];
  readonly results: readonly Param[];
  readonly variadic: boolean;
}

export interface Element {
  readonly key: Expr | null;
  readonly value: Expr;
  readonly pos: Pos;
}

export type Expr =
  | { readonly k: 'ident'; readonly pos: Pos; readonly name: string }
  | { readonly k: 'int'; readonly pos: Pos; readonly value: number | bigint; readonly text: string }
  | { readonly k: 'float'; readonly pos: Pos; readonly value: number; readonly text: string }
  | { readonly k: 'string'; readonly pos: Pos; readonly value: string }
  | { readonly k: 'rune'; readonly pos: Pos; readonly value: number }
  | {
      readonly k: 'composite';
      readonly pos: Pos;
      /** null for an elided type inside another literal (`[]Job{{ID: "a"}}`). */
      readonly type: TypeExpr | null;
      readonly elts: readonly Element[];
    }
  | { readonly k: 'funclit'; readonly pos: Pos; readonly sig: Signature; readonly body: Block }
  | { readonly k: 'paren'; readonly pos: Pos; readonly x: Expr }
  | {
      readonly k: 'selector';
      readonly pos: Pos;
      readonly x: Expr;
      readonly sel: string;
      readonly selPos: Pos;
    }
  | { readonly k: 'index'; readonly pos: Pos; readonly x: Expr; readonly index: Expr }
  | {
      readonly k: 'slice';
      readonly pos: Pos;
      readonly x: Expr;
      readonly lo: Expr | null;
      readonly hi: Expr | null;
      readonly max: Expr | null;
    }
  | {
      readonly k: 'call';
      readonly pos: Pos;
      readonly fun: Expr;
      readonly args: readonly Expr[];
      readonly ellipsis: boolean;
      /** position of the opening parenthesis, where gc reports call errors */
      readonly lparen: Pos;
    }
  | { readonly k: 'unary'; readonly pos: Pos; readonly op: string; readonly x: Expr }
  | {
      readonly k: 'binary';
      readonly pos: Pos;
      readonly op: string;
      readonly opPos: Pos;
      readonly x: Expr;
      readonly y: Expr;
    }
  | { readonly k: 'typeexpr'; readonly pos: Pos; readonly t: TypeExpr }
  /** a generic function or type given type arguments: `Max[int]`, `Pair[string, int]` */
  | {
      readonly k: 'inst';
      readonly pos: Pos;
      readonly x: Expr;
      readonly targs: readonly TypeExpr[];
    }
  | { readonly k: 'assert'; readonly pos: Pos; readonly x: Expr; readonly t: TypeExpr | null };

export interface Block {
  readonly pos: Pos;
  readonly stmts: readonly Stmt[];
  /** position of the closing brace: where a function returns when it falls off its end */
  readonly end: Pos;
}

export interface ValueSpec {
  readonly pos: Pos;
  readonly names: readonly Ident[];
  readonly type: TypeExpr | null;
  readonly values: readonly Expr[];
}

export interface TypeSpec {
  readonly pos: Pos;
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly alias: boolean;
  /** a generic type's parameters (null when it has none) */
  readonly tparams: readonly TypeParamDecl[] | null;
}

export interface CaseClause {
  readonly pos: Pos;
  /** null for `default` (in a type switch: its types, `null` standing for `nil`) */
  readonly exprs: readonly Expr[] | null;
  readonly body: readonly Stmt[];
  readonly types?: readonly (TypeExpr | null)[] | null;
}

/** A select's case: its communication (null for `default`) and its statements. */
export interface SelectClause {
  readonly pos: Pos;
  readonly comm: SelectComm | null;
  readonly body: readonly Stmt[];
}

/**
 * `case ch <- v:`, or `case <-ch:`, `case v := <-ch:`, `case v, ok = <-ch:` (lhs: what the
 * value and ok are stored in, none to two; define: declared with :=)
 */
export type SelectComm =
  | { readonly k: 'send'; readonly pos: Pos; readonly ch: Expr; readonly value: Expr }
  | {
      readonly k: 'recv';
      readonly pos: Pos;
      /** the receive itself, `<-ch` */
      readonly x: Expr & { k: 'unary' };
      readonly lhs: readonly Expr[];
      readonly define: boolean;
    };

/** A type switch's guard: `switch v := x.(type)` (bind is v, or null without `v :=`). */
export interface TypeGuard {
  readonly bind: Ident | null;
  readonly x: Expr;
}

export type Stmt =
  | { readonly k: 'expr'; readonly pos: Pos; readonly x: Expr }
  /** ch <- value */
  | { readonly k: 'send'; readonly pos: Pos; readonly ch: Expr; readonly value: Expr }
  | {
      readonly k: 'select';
      readonly pos: Pos;
      readonly cases: readonly SelectClause[];
      /** the closing brace */
      readonly end: Pos;
    }
  | {
      readonly k: 'assign';
      readonly pos: Pos;
      readonly lhs: readonly Expr[];
      readonly op: string;
      readonly rhs: readonly Expr[];
    }
  | {
      readonly k: 'define';
      readonly pos: Pos;
      readonly names: readonly Ident[];
      readonly rhs: readonly Expr[];
    }
  | { readonly k: 'incdec'; readonly pos: Pos; readonly x: Expr; readonly op: '++' | '--' }
  | { readonly k: 'var'; readonly pos: Pos; readonly specs: readonly ValueSpec[] }
  | { readonly k: 'const'; readonly pos: Pos; readonly specs: readonly ValueSpec[] }
  | { readonly k: 'type'; readonly pos: Pos; readonly specs: readonly TypeSpec[] }
  | { readonly k: 'block'; readonly pos: Pos; readonly block: Block }
  | {
      readonly k: 'if';
      readonly pos: Pos;
      readonly init: Stmt | null;
      readonly cond: Expr;
      readonly then: Block;
      readonly else: Stmt | null;
    }
  | {
      readonly k: 'for';
      readonly pos: Pos;
      readonly init: Stmt | null;
      readonly cond: Expr | null;
      readonly post: Stmt | null;
      readonly body: Block;
    }
  | {
      readonly k: 'range';
      readonly pos: Pos;
      readonly key: Expr | null;
      readonly value: Expr | null;
      readonly define: boolean;
      readonly x: Expr;
      readonly body: Block;
    }
  | {
      readonly k: 'switch';
      readonly pos: Pos;
      readonly init: Stmt | null;
      readonly tag: Expr | null;
      /** a type switch: what it switches on (its cases then have types, not exprs) */
      readonly guard?: TypeGuard;
      readonly cases: readonly CaseClause[];
      readonly end: Pos;
    }
  | { readonly k: 'go'; readonly pos: Pos; readonly call: Expr }
  | { readonly k: 'defer'; readonly pos: Pos; readonly call: Expr }
  | { readonly k: 'return'; readonly pos: Pos; readonly results: readonly Expr[] }
  | {
      readonly k: 'branch';
      readonly pos: Pos;
      readonly tok: 'break' | 'continue' | 'goto';
      readonly label: Ident | null;
    }
  | { readonly k: 'labeled'; readonly pos: Pos; readonly label: Ident; readonly stmt: Stmt | null }
  | { readonly k: 'fallthrough'; readonly pos: Pos }
  | { readonly k: 'empty'; readonly pos: Pos };

export interface FuncDecl {
  readonly k: 'func';
  readonly pos: Pos;
  readonly name: Ident;
  readonly recv: Param | null;
  readonly sig: Signature;
  readonly body: Block | null;
  /** a generic function's type parameters (null when it has none) */
  readonly tparams: readonly TypeParamDecl[] | null;
}

export type Decl =
  | FuncDecl
  | { readonly k: 'var'; readonly pos: Pos; readonly specs: readonly ValueSpec[] }
  | { readonly k: 'const'; readonly pos: Pos; readonly specs: readonly ValueSpec[] }
  | { readonly k: 'type'; readonly pos: Pos; readonly specs: readonly TypeSpec[] };

export interface ImportSpec {
  readonly pos: Pos;
  readonly path: string;
  readonly name: string | null;
}

export interface SourceFile {
  readonly pkg: Ident | null;
  readonly imports: readonly ImportSpec[];
  readonly decls: readonly Decl[];
  /** statements at top level: not Go; reported by the checker */
  readonly stray: readonly Stmt[];
}

/**
 * Go-subset source -> checked, compiled Program. One pass per function checks types the way
 * gc does (messages read like gc's) and emits the engine's instructions, marking where each
 * step begins. Anything outside the subset is refused with an `unsupported:` diagnostic.
 */
import type {
  Decl,
  Block,
  Element,
  Expr,
  FuncDecl,
  Ident,
  Param,
  Signature,
  SourceFile,
  CaseClause,
  SelectClause,
  SelectComm,
  Stmt,
  TypeGuard,
  TypeExpr,
  TypeParamDecl,
  TypeSpec,
  ValueSpec,
} from './ast';
import { BinOp, Op, UnOp, type FuncCode, type GlobalVar, type Instr, type Program } from './code';
import { declKey, exprRefs, findEscapes, funcRefs, type Escapes, type Refs } from './escape';
import { parseGo } from './parse';
import { CompileError, fail, unsupported, type Diagnostic, type Pos } from './source';
import {
  NATIVE_STEPS,
  isAtomicType,
  condType,
  poolType,
  onceType,
  exportedNames,
  errorType,
  fn,
  isOrdered,
  atomicPointerType,
  libraryTypes,
  packageName,
  packages,
  timeType,
  unsupportedPackages,
  type Member,
} from './stdlib';
import {
  T,
  basic,
  comparable,
  defaultType,
  emptyInterface,
  identical,
  isBoolean,
  isComposite,
  isFloat,
  isInteger,
  isInterface,
  isNillable,
  isNumeric,
  isString,
  isStructLike,
  isUntyped,
  leafTypes,
  typeString,
  under,
  type FuncType,
  type InterfaceType,
  type MethodRef,
  type NamedType,
  type StructType,
  type Type,
  type TypeTerm,
} from './types';
import { exprString, typeExprString } from './printer';
import { quote, runeText } from './quote';
import { formatFloat64 } from '../runtime/floats';
import { isIntValue, norm } from '../runtime/int64';

export type CompileResult =
  | { readonly ok: true; readonly program: Program }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Compile Go source. Never throws: every problem comes back as a diagnostic. */
export function compileGo(source: string): CompileResult {
  try {
    const file = parseGo(source);
    const program = new Compiler(source, file).compile();
    return { ok: true, program };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, diagnostics: [e.diagnostic] };
    if (e instanceof MultiError) return { ok: false, diagnostics: e.list };
    throw e;
  }
}

/** gc reports at most this many errors. */
const MAX_ERRORS = 10;

class MultiError extends Error {
  constructor(readonly list: Diagnostic[]) {
    super(list[0]?.msg ?? 'errors');
  }
}

// ---- symbols ---------------------------------------------------------------------------

/** A constant's value: an integer past 2^53 is a bigint (exact, as Go's constants are). */
type ConstValue = number | bigint | string | boolean;

/** A numeric constant value, integer or float. */
function isNum(v: ConstValue | undefined): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** An integer constant operation, exact (a zero divisor was refused before). */
function bigOp(op: string, a: bigint, b: bigint, pos: Pos): bigint {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '&^':
      return a & ~b;
    default:
      return unsupported(pos, `the operator ${op}`);
  }
}

/** types2's limit on an integer constant: 512 bits ("constant multiplication overflow"). */
function tooWide(r: bigint, op: string, pos: Pos): void {
  if ((r < 0n ? -r : r).toString(2).length <= 512) return;
  const name: Record<string, string> = {
    '+': 'addition',
    '-': 'subtraction',
    '*': 'multiplication',
    '<<': 'shift',
  };
  fail(pos, `constant ${name[op] ?? 'operation'} overflow`);
}

/** The canonical form of an integer value (see runtime/int64.ts). */
function intConst(v: number | bigint): number | bigint {
  if (typeof v === 'bigint') return norm(v);
  return Number.isSafeInteger(v) ? (v === 0 ? 0 : v) : norm(BigInt(Math.trunc(v)));
}

/** The names a statement declares in its block (`x, err :=`, `var`, `const`, `type`). */
function declaredBy(s: Stmt): string[] {
  switch (s.k) {
    case 'define':
      return s.names.map((n) => n.name);
    case 'var':
    case 'const':
      return s.specs.flatMap((spec) => spec.names.map((n) => n.name));
    case 'type':
      return s.specs.map((spec) => spec.name.name);
    default:
      return [];
  }
}

/**
 * go/constant's String of a value: a string quoted (cut to 72 runes with "..."), a float as
 * %.6g (or every digit, where that would hide a fraction), an integer or rune in decimal.
 */
function constText(v: ConstValue, t: Type): string {
  if (typeof v === 'string') {
    const q = [...quote(v)];
    return q.length > 72 ? `${q.slice(0, 69).join('')}...` : q.join('');
  }
  if (typeof v === 'boolean') return String(v);
  if (!isFloat(t) || typeof v === 'bigint') return String(v);
  const s = formatFloat64(v, 'g', 6);
  return !Number.isInteger(v) && !s.includes('.') ? formatFloat64(v, 'g', -1) : s;
}

interface VarSym {
  readonly k: 'var';
  readonly name: string;
  readonly type: Type;
  readonly pos: Pos;
  /** the function that declares it; null for package-level variables */
  readonly owner: FnCtx | null;
  readonly slot: number;
  readonly boxed: boolean;
  /** boxed, and written from a closure or through a pointer (see Escapes.watched) */
  readonly watched?: boolean;
  used: boolean;
}

type Sym =
  | VarSym
  | { readonly k: 'const'; readonly name: string; readonly type: Type; readonly value: ConstValue }
  | { readonly k: 'type'; readonly name: string; readonly type: Type }
  | { readonly k: 'func'; readonly name: string; readonly id: number; readonly type: FuncType }
  | {
      readonly k: 'pkg';
      readonly name: string;
      readonly path: string;
      readonly pos: Pos;
      used: boolean;
    }
  | { readonly k: 'builtin'; readonly name: string }
  | { readonly k: 'nil' }
  /** the program's generic types and functions: instantiated for each list of type arguments */
  | { readonly k: 'gtype'; readonly name: string; readonly g: GenericType }
  | { readonly k: 'gfunc'; readonly name: string; readonly g: GenericFunc };

/** A type parameter and its constraint, as declared. */
interface TypeParam {
  readonly name: Ident;
  readonly constraint: TypeExpr;
}

interface GenericType {
  readonly spec: TypeSpec;
  readonly tparams: readonly TypeParam[];
  /** its methods (declared with receivers `*Name[K, V]`), instantiated with it */
  readonly methods: FuncDecl[];
  /** by type arguments (typeKey) */
  readonly insts: Map<string, NamedType>;
}

interface GenericFunc {
  readonly decl: FuncDecl;
  readonly tparams: readonly TypeParam[];
  readonly insts: Map<string, FuncInstance>;
}

/** A generic function's instance: its id is -1 until reserved (see Compiler.later). */
interface FuncInstance {
  id: number;
  readonly type: FuncType;
}

/** `[K, V any]` as one TypeParam per name. */
function flatParams(tps: readonly TypeParamDecl[]): TypeParam[] {
  return tps.flatMap((tp) => tp.names.map((name) => ({ name, constraint: tp.constraint })));
}

/** A receiver's type without its parentheses and pointer: `Store`, or `SafeMap[K, V]`. */
function receiverBase(t: TypeExpr): TypeExpr {
  while (t.k === 'tparen' || t.k === 'tptr') t = t.k === 'tparen' ? t.t : t.elem;
  return t;
}

/**
 * A type as a key for a generic's instances: its structure, each named type by its identity
 * (two local types of one name are two types).
 */
function typeKey(t: Type): string {
  switch (t.k) {
    case 'named':
      return `${t.name}#${t.id}`;
    case 'basic':
      return t.name;
    case 'ptr':
      return `*${typeKey(t.elem)}`;
    case 'slice':
      return `[]${typeKey(t.elem)}`;
    case 'array':
      return `[${t.len}]${typeKey(t.elem)}`;
    case 'map':
      return `map[${typeKey(t.key)}]${typeKey(t.elem)}`;
    case 'chan':
      return `chan${t.dir}:${typeKey(t.elem)}`;
    case 'func':
      return `func(${t.params.map(typeKey).join(',')}${t.variadic ? '...' : ''})(${t.results.map(typeKey).join(',')})`;
    case 'struct':
      return `struct{${t.fields.map((f) => `${f.embedded ? '^' : ''}${f.name} ${typeKey(f.type)}`).join(';')}}`;
    case 'iface':
      return t === emptyInterface ? 'any' : `iface#${ifaceIds(t)}`;
    case 'tuple':
      return `(${t.types.map(typeKey).join(',')})`;
  }
}

/** interface literals by identity (an interface type argument other than any is rare) */
const ifaceIdMap = new WeakMap<InterfaceType, number>();
let nextIfaceId = 1;
function ifaceIds(t: InterfaceType): number {
  let id = ifaceIdMap.get(t);
  if (id === undefined) ifaceIdMap.set(t, (id = nextIfaceId++));
  return id;
}

/** t with the placeholders in bound replaced by what they are bound to (for messages). */
function substitute(t: Type, bound: ReadonlyMap<NamedType, Type>): Type {
  switch (t.k) {
    case 'named':
      return bound.get(t) ?? t;
    case 'ptr':
    case 'slice':
    case 'array':
    case 'chan':
      return { ...t, elem: substitute(t.elem, bound) };
    case 'map':
      return { k: 'map', key: substitute(t.key, bound), elem: substitute(t.elem, bound) };
    case 'func':
      return {
        ...t,
        params: t.params.map((x) => substitute(x, bound)),
        results: t.results.map((x) => substitute(x, bound)),
      };
    default:
      return t;
  }
}

/** An index expression's index read as a type argument (`Max[int]`, `F[[]string]`). */
function exprAsTypeExpr(e: Expr): TypeExpr {
  switch (e.k) {
    case 'typeexpr':
      return e.t;
    case 'ident':
      return { k: 'tname', pos: e.pos, pkg: null, name: e.name };
    case 'selector':
      if (e.x.k === 'ident') return { k: 'tname', pos: e.pos, pkg: e.x.name, name: e.sel };
      break;
    case 'paren':
      return { k: 'tparen', pos: e.pos, t: exprAsTypeExpr(e.x) };
    case 'unary':
      if (e.op === '*') return { k: 'tptr', pos: e.pos, elem: exprAsTypeExpr(e.x) };
      break;
    case 'index':
      return { k: 'tinst', pos: e.pos, base: exprAsTypeExpr(e.x), args: [exprAsTypeExpr(e.index)] };
    case 'inst':
      return { k: 'tinst', pos: e.pos, base: exprAsTypeExpr(e.x), args: e.targs };
    default:
      break;
  }
  fail(e.pos, `${exprString(e)} is not a type`);
}

/** Type parameters' names as types2's typeParamsString writes them: `K and V`, `A, B, and C`. */
function namesString(tps: readonly TypeParam[]): string {
  const n = tps.map((tp) => tp.name.name);
  if (n.length <= 2) return n.join(' and ');
  return `${n.slice(0, -1).join(', ')}, and ${n[n.length - 1]}`;
}

/** `[K comparable, V any]`, as gc writes a generic's parameters in messages. */
function tparamsString(tps: readonly TypeParam[]): string {
  return `[${tps.map((tp) => `${tp.name.name} ${typeExprString(tp.constraint)}`).join(', ')}]`;
}

/** the most instances of one generic function or type (Go refuses an instantiation cycle) */
const MAX_INSTANCES = 256;

class Scope {
  readonly syms = new Map<string, Sym>();
  constructor(readonly parent: Scope | null) {}
  lookup(name: string): Sym | null {
    return this.syms.get(name) ?? this.parent?.lookup(name) ?? null;
  }
}

interface LoopCtx {
  readonly label: string | null;
  readonly breaks: Instr[];
  readonly continues: Instr[];
  /** switch statements accept break but not continue */
  readonly isSwitch: boolean;
}

class FnCtx {
  readonly code: Instr[] = [];
  nlocals = 0;
  readonly captures = new Map<VarSym, number>();
  readonly captureOrder: VarSym[] = [];
  readonly loops: LoopCtx[] = [];
  readonly locals: VarSym[] = [];
  readonly localNames: (string | null)[] = [];
  readonly localTypes: (Type | null)[] = [];
  /** slots holding watched variables' boxes (FuncCode.watch) */
  readonly watch: number[] = [];
  /** the next emitted instruction starts a step */
  pendingStep = true;
  /** visible operations emitted in the current statement */
  visible = 0;
  closures = 0;
  namedResults: { slot: number; boxed: boolean }[] | null = null;
  constructor(
    readonly name: string,
    readonly type: FuncType,
    readonly parent: FnCtx | null,
    readonly escapes: Escapes,
  ) {}
  newLocal(name: string | null, type: Type | null): number {
    this.localNames.push(name);
    this.localTypes.push(type);
    return this.nlocals++;
  }
}

/** What an expression turned out to be. */
interface Operand {
  readonly mode: 'value' | 'const' | 'void' | 'tuple' | 'nil';
  readonly type: Type;
  readonly value?: ConstValue;
  /** can take its address: variables, pointer indirections, fields of those, slice elements */
  readonly addressable?: boolean;
  /** a freshly made struct nobody else refers to: storing it needs no copy */
  readonly fresh?: boolean;
  /** `m[k]`: for `v, ok := m[k]` */
  readonly mapIndex?: boolean;
  /** the instruction to switch to its comma-ok form (`v, ok := m[k]`, `v, ok := x.(T)`) */
  readonly commaOk?: Instr;
}

/** A place an assignment stores into; its parts are already on the stack. */
type LValue =
  | { readonly k: 'local'; readonly slot: number; readonly type: Type }
  | { readonly k: 'box'; readonly slot: number; readonly type: Type }
  | { readonly k: 'ptr'; readonly type: Type }
  | {
      readonly k: 'field';
      readonly idx: number;
      readonly type: Type;
      readonly name: string;
      readonly priv: boolean;
    }
  | { readonly k: 'struct'; readonly type: Type }
  | { readonly k: 'map'; readonly type: Type; readonly keyType: Type; readonly name: string }
  | { readonly k: 'index'; readonly type: Type }
  | { readonly k: 'blank'; readonly type: Type | null };

/** How many values a place's store takes from the stack besides the value: map and key, etc. */
function lvParts(lv: LValue): number {
  return lv.k === 'map' || lv.k === 'index'
    ? 2
    : lv.k === 'ptr' || lv.k === 'field' || lv.k === 'struct'
      ? 1
      : 0;
}

const BUILTINS = [
  'len',
  'cap',
  'append',
  'make',
  'new',
  'delete',
  'panic',
  'recover',
  'print',
  'println',
  'copy',
  'min',
  'max',
  'clear',
  'close',
  'complex',
  'real',
  'imag',
];

function universe(): Scope {
  const u = new Scope(null);
  const types: [string, Type][] = [
    ['int', T.int],
    ['int8', basic('int8')],
    ['int16', basic('int16')],
    ['int32', T.int32],
    ['int64', T.int64],
    ['uint', basic('uint')],
    ['uint8', T.uint8],
    ['uint16', basic('uint16')],
    ['uint32', basic('uint32')],
    ['uint64', basic('uint64')],
    ['uintptr', basic('uintptr')],
    ['float64', T.float64],
    ['float32', basic('float32')],
    ['string', T.string],
    ['bool', T.bool],
    ['byte', T.byte],
    ['rune', T.rune],
    ['error', errorType],
    ['any', emptyInterface],
  ];
  for (const [name, type] of types) u.syms.set(name, { k: 'type', name, type });
  u.syms.set('comparable', { k: 'type', name: 'comparable', type: comparableType });
  u.syms.set('true', { k: 'const', name: 'true', type: T.untypedBool, value: true });
  u.syms.set('false', { k: 'const', name: 'false', type: T.untypedBool, value: false });
  u.syms.set('nil', { k: 'nil' });
  for (const b of BUILTINS) u.syms.set(b, { k: 'builtin', name: b });
  return u;
}

/** the predeclared constraint `comparable` (only in constraints) */
const comparableType: NamedType = {
  k: 'named',
  name: 'comparable',
  pkg: '',
  underlying: { k: 'iface', methods: new Map(), comparable: true },
  methods: new Map(),
  special: null,
  id: 0,
};

const BIN_OPS: Record<string, BinOp> = {
  '+': BinOp.Add,
  '-': BinOp.Sub,
  '*': BinOp.Mul,
  '/': BinOp.Div,
  '%': BinOp.Rem,
  '&': BinOp.And,
  '|': BinOp.Or,
  '^': BinOp.Xor,
  '<<': BinOp.Shl,
  '>>': BinOp.Shr,
  '&^': BinOp.AndNot,
  '==': BinOp.Eq,
  '!=': BinOp.Ne,
  '<': BinOp.Lt,
  '<=': BinOp.Le,
  '>': BinOp.Gt,
  '>=': BinOp.Ge,
};

class Compiler {
  private readonly funcs: FuncCode[] = [];
  private readonly pkgScope: Scope;
  private readonly fileScope: Scope;
  private readonly globals: GlobalVar[] = [];
  private readonly trampolines = new Map<string, number>();
  /**
   * the arguments pushArgs has just pushed end in a slice passed with ... to a library
   * function, which takes its variadic arguments one by one: the native call spreads it
   * (read and cleared by the call's emitNative or trampoline)
   */
  private spread = false;
  /** atomic.Pointer[T] by T (as typeString writes it): one type per T in a program */
  private readonly atomicPointers = new Map<string, NamedType>();
  /** the labeled statements being compiled, innermost last, and whether a branch names each */
  private readonly labels: { name: string; used: boolean }[] = [];
  private readonly pendingGlobals = new Map<string, Pos>();
  private readonly deferredErrors: Diagnostic[] = [];
  /** go vet's copylocks findings */
  private readonly vet: Diagnostic[] = [];
  /** the variable an assignment being compiled stores into (for vet's message) */
  private assignTarget: string | null = null;
  private namedIds = 1;
  private fnc!: FnCtx;
  private scope!: Scope;
  private iota: number | null = null;
  /**
   * errors from statements whose function went on being checked after them (types2 reports
   * every error of a function, up to ten in all); names those statements would have declared,
   * whose later uses are not errors of their own; and statements that failed so far
   */
  private readonly recovered: Diagnostic[] = [];
  private readonly poisoned = new Set<string>();
  private failures = 0;
  /** function bodies to compile once every package-level name is known */
  private readonly bodies: (() => void)[] = [];
  /** the package's `func init()`s, in source order (main.init calls them after the variables) */
  private readonly inits: { readonly id: number; readonly pos: Pos }[] = [];

  constructor(
    private readonly source: string,
    private readonly file: SourceFile,
  ) {
    this.pkgScope = new Scope(universe());
    this.fileScope = new Scope(this.pkgScope);
  }

  compile(): Program {
    const f = this.file;
    if (!f.pkg)
      fail({ line: 1, col: 1 }, 'syntax error: package statement must be first', 'syntax');
    if (f.pkg.name !== 'main')
      fail(f.pkg.pos, `package ${f.pkg.name} is not a main package: go run needs package main`);
    const stray = f.stray[0];
    if (stray) {
      // gc: a `{` right after a function declaration with no body is its body, on the next line
      const before = f.decls.filter(
        (d) =>
          d.pos.line < stray.pos.line ||
          (d.pos.line === stray.pos.line && d.pos.col < stray.pos.col),
      );
      const last = before[before.length - 1];
      if (stray.k === 'block' && last?.k === 'func' && last.body === null)
        fail(stray.pos, 'syntax error: unexpected semicolon or newline before {', 'syntax');
      fail(stray.pos, 'syntax error: non-declaration statement outside function body', 'syntax');
    }
    this.imports();
    for (const d of this.file.decls)
      if (d.k === 'const')
        for (const spec of d.specs) for (const n of spec.names) this.pendingConsts.set(n.name, d);
    this.declareTypes();
    this.declareFuncs();
    this.promoteInterfaceMethods();
    const init = this.compileInit();
    // as gc does, an error in one function does not hide those in the others (a function's
    // check stops at its first error, so its unused variables are not reported)
    const failed: Diagnostic[] = [];
    for (const b of this.bodies) {
      const failuresBefore = this.failures;
      try {
        b();
      } catch (e) {
        // (once a statement has failed, what follows it is checked on a best effort: a slip of
        // the compiler's own there must not hide the errors found)
        if (!(e instanceof CompileError)) {
          if (this.failures > failuresBefore) continue;
          throw e;
        }
        failed.push(e.diagnostic);
      }
    }
    failed.push(...this.recovered);
    // (a generic function's body is checked once per instance: an error in it is told once)
    const seen = new Set<string>();
    const once = (d: Diagnostic) => {
      const key = `${d.pos.line}:${d.pos.col}:${d.msg}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    const main = this.pkgScope.syms.get('main');
    if (!main || main.k !== 'func')
      fail({ line: 1, col: 1 }, 'function main is undeclared in the main package');
    // (a function whose check stopped early may not have reached its uses of an import)
    if (failed.length === 0)
      for (const s of this.fileScope.syms.values())
        if (s.k === 'pkg' && !s.used)
          this.deferredErrors.push({
            pos: s.pos,
            msg: `"${s.path}" imported and not used`,
            kind: 'type',
          });
    if (failed.length + this.deferredErrors.length > 0) {
      const sorted = [...failed, ...this.deferredErrors]
        .filter(once)
        .sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
      // gc stops at the tenth, and says so at it
      const shown = sorted.slice(0, MAX_ERRORS);
      const tenth = sorted[MAX_ERRORS - 1];
      if (tenth) shown.push({ pos: tenth.pos, msg: 'too many errors', kind: tenth.kind });
      throw new MultiError(shown);
    }
    this.makeLibraryTrampolines();
    return {
      funcs: this.funcs,
      init,
      main: main.id,
      globals: this.globals,
      source: this.source,
      imports: f.imports.map((i) => i.path),
      trampolines: this.trampolines,
      vet: [...this.vet]
        .filter(once)
        .sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col),
    };
  }

  // ---- package level -------------------------------------------------------------------

  private imports(): void {
    for (const imp of this.file.imports) {
      const why = unsupportedPackages.get(imp.path);
      if (why) unsupported(imp.pos, why);
      if (!packages.has(imp.path)) {
        if (/^[a-z][a-z0-9]*(\/[a-z][a-z0-9]*)*$/.test(imp.path))
          unsupported(imp.pos, `package ${imp.path} is not simulated`);
        fail(imp.pos, `package ${imp.path} is not in std`);
      }
      const name = imp.name ?? packageName(imp.path);
      if (name === '_') continue;
      if (this.fileScope.syms.has(name)) fail(imp.pos, `${name} redeclared in this block`);
      this.fileScope.syms.set(name, { k: 'pkg', name, path: imp.path, pos: imp.pos, used: false });
    }
  }

  private declare(scope: Scope, id: Ident, sym: Sym): void {
    if (id.name === '_') return;
    if (scope.syms.has(id.name)) fail(id.pos, `${id.name} redeclared in this block`);
    scope.syms.set(id.name, sym);
  }

  private declareTypes(): void {
    const specs: TypeSpec[] = [];
    for (const d of this.file.decls) if (d.k === 'type') specs.push(...d.specs);
    const pending: [NamedType, TypeSpec][] = [];
    for (const s of specs) {
      if (s.alias && s.tparams)
        fail(s.name.pos, 'generic type alias requires GOEXPERIMENT=aliastypeparams');
      if (s.alias) continue;
      if (s.tparams) {
        const g: GenericType = {
          spec: s,
          tparams: flatParams(s.tparams),
          methods: [],
          insts: new Map(),
        };
        this.declare(this.pkgScope, s.name, { k: 'gtype', name: s.name.name, g });
        continue;
      }
      const t: NamedType = {
        k: 'named',
        name: s.name.name,
        pkg: 'main',
        underlying: T.int,
        methods: new Map(),
        special: null,
        id: this.namedIds++,
      };
      this.declare(this.pkgScope, s.name, { k: 'type', name: s.name.name, type: t });
      pending.push([t, s]);
    }
    // (before any type is resolved: one may hold an instance of a generic type, which gets
    // its methods when it is made)
    this.collectGenericMethods();
    this.scope = this.fileScope;
    for (const s of specs)
      if (s.alias)
        this.declare(this.pkgScope, s.name, {
          k: 'type',
          name: s.name.name,
          type: this.resolveType(s.type),
        });
    for (const [t, s] of pending) this.unresolved.set(t, s);
    for (const [t] of pending) this.resolvePending(t);
    for (const [t, s] of pending) this.checkRecursive(t, s.name.pos, new Set());
  }

  /** the program's named types whose underlying type is not worked out yet, and being */
  private readonly unresolved = new Map<NamedType, TypeSpec>();
  private readonly resolving = new Set<NamedType>();

  /**
   * Work out a named type's underlying type now if it is still pending: in declaration order,
   * except that a type defined as another declared later (`type A B`), or an interface
   * embedding one, needs that one first. A cycle is types2's "invalid recursive type".
   */
  private resolvePending(t: NamedType): void {
    const s = this.unresolved.get(t);
    if (!s) return;
    if (this.resolving.has(t)) fail(s.name.pos, `invalid recursive type ${t.name}`);
    this.resolving.add(t);
    const saved = this.scope;
    this.scope = this.fileScope;
    const u = this.resolveType(s.type);
    this.scope = saved;
    // (`type A B` with B declared later: B's underlying type first)
    if (u.k === 'named') this.resolvePending(u);
    t.underlying = under(u);
    // A defined type over a library struct (type M sync.Mutex) keeps its runtime kind.
    if (u.k === 'named' && u.special) (t as { special: NamedType['special'] }).special = u.special;
    this.resolving.delete(t);
    this.unresolved.delete(t);
  }

  private checkRecursive(t: Type, pos: Pos, seen: Set<Type>): void {
    if (t.k === 'named') {
      if (seen.has(t)) fail(pos, `invalid recursive type ${t.name}`);
      seen.add(t);
      this.checkRecursive(t.underlying, pos, seen);
      seen.delete(t);
    } else if (t.k === 'struct') for (const f of t.fields) this.checkRecursive(f.type, pos, seen);
  }

  /**
   * The methods a named struct type gets from an interface it embeds (`type logged struct{
   * Store }` has Store's methods): Go's autogenerated wrappers, `func (s S) M(args) results {
   * return s.Store.M(args) }`, so that calls, method values, interface satisfaction and
   * dynamic dispatch find them as they find S's own. Not where S declares M itself, has a
   * field M, or another embedded field at the same depth also provides M (ambiguous in Go).
   */
  private promoteInterfaceMethods(): void {
    for (const sym of this.pkgScope.syms.values()) {
      if (sym.k !== 'type' || sym.type.k !== 'named' || sym.type.pkg !== 'main') continue;
      const t = sym.type;
      const u = under(t);
      if (u.k !== 'struct') continue;
      u.fields.forEach((f, i) => {
        const fu = under(f.type);
        if (!f.embedded || fu.k !== 'iface') return;
        for (const [name, sig] of fu.methods) {
          if (t.methods.has(name) || u.fields.some((g) => g.name === name)) continue;
          if (this.ambiguousSelector(t, name)) continue;
          const fn = this.ifaceWrapper(t, i, f.name, name, sig);
          t.methods.set(name, { fn, ptrRecv: false, sig, native: null });
        }
      });
    }
  }

  /** One wrapper of promoteInterfaceMethods (no source of its own: tracebacks leave it out). */
  private ifaceWrapper(
    t: NamedType,
    field: number,
    fieldName: string,
    name: string,
    sig: FuncType,
  ): number {
    const read = wrapperIns(Op.LoadF, field, 0, fieldName, false, `read field ${fieldName}`);
    const call = wrapperIns(Op.CallI, 0, sig.params.length, name);
    return this.methodWrapper(
      `promoted/${t.id}/${name}`,
      `main.${t.name}.${name}`,
      t,
      sig,
      [read],
      call,
    );
  }

  /**
   * Methods of the program's generic types (receivers `*Name[K, V]`): kept with their type,
   * and declared on each instance of it (instType).
   */
  private collectGenericMethods(): void {
    for (const d of this.file.decls) {
      if (d.k !== 'func' || !d.recv) continue;
      const rt = receiverBase(d.recv.type);
      if (rt.k !== 'tinst' || rt.base.k !== 'tname' || rt.base.pkg) continue;
      const sym = this.pkgScope.syms.get(rt.base.name);
      if (!sym) fail(rt.base.pos, `undefined: ${rt.base.name}`);
      if (sym.k !== 'gtype') fail(rt.base.pos, `${rt.base.name} is not a generic type`);
      if (!d.body) fail(d.pos, `missing function body`);
      if (d.tparams)
        fail(d.name.pos, 'syntax error: method must have no type parameters', 'syntax');
      if (rt.args.length !== sym.g.tparams.length)
        fail(
          rt.pos,
          `receiver declares ${rt.args.length} type parameters, but receiver base type declares ${sym.g.tparams.length}`,
        );
      for (const a of rt.args)
        if (a.k !== 'tname' || a.pkg) fail(a.pos, 'receiver type parameter must be an identifier');
      if (sym.g.methods.some((m) => m.name.name === d.name.name))
        fail(d.name.pos, `method ${rt.base.name}.${d.name.name} already declared`);
      sym.g.methods.push(d);
    }
  }

  private declareFuncs(): void {
    for (const d of this.file.decls) {
      if (d.k !== 'func') continue;
      if (d.recv && receiverBase(d.recv.type).k === 'tinst') continue;
      if (d.tparams) {
        if (!d.body) fail(d.pos, `missing function body`);
        if (d.name.name === 'main' || d.name.name === 'init')
          fail(d.name.pos, `func ${d.name.name} must have no type parameters`);
        const g: GenericFunc = { decl: d, tparams: flatParams(d.tparams), insts: new Map() };
        this.declare(this.pkgScope, d.name, { k: 'gfunc', name: d.name.name, g });
        continue;
      }
      const type = this.funcType(d.sig);
      if (!d.body) fail(d.pos, `missing function body`);
      const id = this.reserveFunc();
      if (d.recv) this.declareMethod(d, id, type);
      else {
        if (d.name.name === 'init') {
          // not declared: no one may call or name it; main.init calls each, in source order
          if (type.params.length > 0 || type.results.length > 0)
            fail(d.name.pos, 'func init must have no arguments and no return values');
          const name = `main.init.${this.inits.length}`;
          this.inits.push({ id, pos: d.name.pos });
          this.bodies.push(() => this.compileFunc(d, id, name, type, null));
          continue;
        }
        if (d.name.name === 'main' && (type.params.length > 0 || type.results.length > 0))
          fail(d.name.pos, 'func main must have no arguments and no return values');
        this.declare(this.pkgScope, d.name, { k: 'func', name: d.name.name, id, type });
        this.bodies.push(() => this.compileFunc(d, id, `main.${d.name.name}`, type, null));
      }
    }
  }

  private declareMethod(d: FuncDecl, id: number, type: FuncType): void {
    const recv = d.recv as Param;
    let rt = recv.type;
    let ptr = false;
    while (rt.k === 'tparen') rt = rt.t;
    if (rt.k === 'tptr') {
      ptr = true;
      rt = rt.elem;
    }
    if (rt.k !== 'tname' || rt.pkg !== null)
      fail(
        recv.pos,
        `cannot define new methods on non-local type ${typeString(this.resolveType(recv.type))}`,
      );
    // (a predeclared type, int or error, is found in the universe: not local either)
    const sym = this.pkgScope.syms.get(rt.name) ?? this.fileScope.lookup(rt.name);
    if (!sym) fail(rt.pos, `undefined: ${rt.name}`);
    if (sym.k === 'gtype')
      fail(
        rt.pos,
        `cannot use generic type ${rt.name}${tparamsString(sym.g.tparams)} without instantiation`,
      );
    if (sym.k !== 'type' || sym.type.k !== 'named' || sym.type.pkg !== 'main')
      fail(rt.pos, `cannot define new methods on non-local type ${rt.name}`);
    const named = sym.type;
    if (under(named).k === 'ptr' || under(named).k === 'iface')
      fail(rt.pos, `invalid receiver type ${rt.name} (pointer or interface type)`);
    if (named.methods.has(d.name.name))
      fail(d.name.pos, `method ${named.name}.${d.name.name} already declared`);
    const st = under(named);
    if (st.k === 'struct' && st.fields.some((f) => f.name === d.name.name))
      fail(d.name.pos, `field and method with the same name ${d.name.name}`);
    named.methods.set(d.name.name, { fn: id, ptrRecv: ptr, sig: type, native: null });
    const name = ptr ? `main.(*${named.name}).${d.name.name}` : `main.${named.name}.${d.name.name}`;
    const recvType: Type = ptr ? { k: 'ptr', elem: named } : named;
    this.bodies.push(() => this.compileFunc(d, id, name, type, recvType));
  }

  private reserveFunc(): number {
    this.funcs.push(null as unknown as FuncCode);
    return this.funcs.length - 1;
  }

  /** Global initialisers, in source order, compiled into `main.init`. */
  private compileInit(): number {
    const id = this.reserveFunc();
    const f = new FnCtx('main.init', fn([], []), null, {
      boxed: new Set(),
      shared: new Set(),
      watched: new Set(),
      selected: new Map(),
    });
    this.fnc = f;
    this.scope = new Scope(this.fileScope);
    for (const d of this.file.decls) {
      if (d.k === 'var')
        for (const s of d.specs) for (const n of s.names) this.pendingGlobals.set(n.name, n.pos);
    }
    for (const d of this.file.decls) if (d.k === 'const') this.packageConsts(d);
    for (const s of this.initOrder()) this.globalVar(s);
    // then the package's init functions, as the runtime's doInit does after the variables
    for (const init of this.inits) {
      this.beginStep();
      this.emit(Op.Call, init.pos, init.id, 0);
    }
    this.beginStep();
    this.emit(Op.Ret, { line: 0, col: 0 }, 0);
    this.finishFunc(f, id, { line: 1, col: 1 }, { line: 1, col: 1 }, false);
    return id;
  }

  /**
   * The package's variable declarations in the order Go initialises them: step by step, the
   * earliest in declaration order that depends on no variable not yet initialised, where a
   * declaration depends on the variables its initialiser refers to, directly or through the
   * functions it calls (and, since methods are told apart only by types, through every method
   * of a name it selects). A cycle through variables and functions is types2's
   * "initialization cycle"; one that needs a method or a literal's key to close is not
   * reported (it may not be one), and those declarations go in declaration order.
   */
  private initOrder(): ValueSpec[] {
    const specs: ValueSpec[] = [];
    for (const d of this.file.decls) if (d.k === 'var') specs.push(...d.specs);
    const specOf = new Map<string, number>();
    specs.forEach((s, i) => s.names.forEach((n) => specOf.set(n.name, i)));
    const funcs = new Map<string, FuncDecl>();
    const methods = new Map<string, FuncDecl[]>();
    for (const d of this.file.decls) {
      if (d.k !== 'func' || !d.body) continue;
      if (d.recv) methods.set(d.name.name, [...(methods.get(d.name.name) ?? []), d]);
      else funcs.set(d.name.name, d);
    }
    const refsOf = new Map<FuncDecl, Refs>();
    const refs = (f: FuncDecl): Refs => {
      let r = refsOf.get(f);
      if (!r) {
        const recv = f.recv?.name ? { name: f.recv.name, pos: f.recv.pos } : null;
        r = funcRefs(f.sig, recv, f.body as Block);
        refsOf.set(f, r);
      }
      return r;
    };
    /** the declarations spec i depends on: surely (names and calls), or perhaps as well */
    const deps = (i: number, sure: boolean): Set<number> => {
      const out = new Set<number>();
      const seen = new Set<FuncDecl>();
      const visit = (r: Refs) => {
        const names = sure ? [...r.names] : [...r.names, ...r.keys];
        for (const n of names) {
          const j = specOf.get(n);
          if (j !== undefined) out.add(j);
          const f = funcs.get(n);
          if (f && !seen.has(f)) {
            seen.add(f);
            visit(refs(f));
          }
        }
        if (!sure)
          for (const sel of r.sels)
            for (const f of methods.get(sel) ?? [])
              if (!seen.has(f)) {
                seen.add(f);
                visit(refs(f));
              }
      };
      visit(exprRefs((specs[i] as ValueSpec).values));
      return out;
    };
    const sure = specs.map((_, i) => deps(i, true));
    const maybe = specs.map((_, i) => deps(i, false));
    // a sure cycle, through variables and the functions they call, as types2 reports it: at
    // the first variable in declaration order that is on one
    type Node = ValueSpec | FuncDecl;
    const nameOf = (n: Node) => ('k' in n ? n.name : (n.names[0] as Ident));
    const edges = (n: Node): Node[] => {
      const r = 'k' in n ? refs(n) : exprRefs(n.values);
      const out: Node[] = [];
      for (const name of r.names) {
        const j = specOf.get(name);
        if (j !== undefined) out.push(specs[j] as ValueSpec);
        const f = funcs.get(name);
        if (f) out.push(f);
      }
      return out;
    };
    for (const spec of specs) {
      const path = cycleFrom<Node>(spec, edges);
      if (!path) continue;
      const first = nameOf(spec);
      if (path.length === 1)
        fail(first.pos, `initialization cycle: ${first.name} refers to itself`);
      const lines = path.map((n, k) => {
        const id = nameOf(n);
        const to = nameOf(path[(k + 1) % path.length] as Node);
        return `\t${id.pos.line}:${id.pos.col}: ${id.name} refers to ${to.name}`;
      });
      fail(first.pos, [`initialization cycle for ${first.name}`, ...lines].join('\n'));
    }
    const done = new Set<number>();
    const order: ValueSpec[] = [];
    while (order.length < specs.length) {
      const ready = (d: Set<number>, i: number) => [...d].every((j) => j === i || done.has(j));
      let next = specs.findIndex((_, i) => !done.has(i) && ready(maybe[i] as Set<number>, i));
      if (next < 0)
        next = specs.findIndex((_, i) => !done.has(i) && ready(sure[i] as Set<number>, i));
      if (next < 0) next = specs.findIndex((_, i) => !done.has(i));
      done.add(next);
      order.push(specs[next] as ValueSpec);
    }
    return order;
  }

  private globalVar(s: ValueSpec): void {
    const declared = s.type ? this.resolveType(s.type) : null;
    if (s.values.length > 0 && s.values.length !== s.names.length && s.values.length !== 1)
      fail(s.pos, `assignment mismatch: ${s.names.length} variables but ${s.values.length} values`);
    const syms: VarSym[] = [];
    const types = this.valueTypes(s, declared, 'variable declaration');
    s.names.forEach((n, i) => {
      const type = types[i] ?? T.int;
      const slot = this.globals.length;
      this.globals.push({ name: n.name, type, pos: n.pos });
      const sym: VarSym = {
        k: 'var',
        name: n.name,
        type,
        pos: n.pos,
        owner: null,
        slot,
        boxed: !isStructLike(type),
        used: true,
      };
      syms.push(sym);
    });
    // values were left on the stack by valueTypes; store them last-first
    if (s.values.length > 0) {
      for (let i = syms.length - 1; i >= 0; i--) {
        const sym = syms[i] as VarSym;
        if (s.names[i]?.name === '_') {
          this.emit(Op.Pop, s.pos);
          continue;
        }
        this.storeToGlobalFromStack(sym, s.pos);
      }
    }
    s.names.forEach((n, i) => {
      this.pendingGlobals.delete(n.name);
      const sym = syms[i];
      if (sym) this.declare(this.pkgScope, n, sym);
    });
  }

  private storeToGlobalFromStack(sym: VarSym, pos: Pos): void {
    // stack: value. Globals live in heap cells: a box, or the struct itself.
    const tmp = this.fnc.newLocal(null, sym.type);
    this.emit(Op.Store, pos, tmp);
    this.emit(Op.Global, pos, sym.slot);
    this.emit(Op.Load, pos, tmp);
    if (sym.boxed) this.emitVisible(Op.StoreP, pos, 'write variable', 0, 0, sym.name);
    else this.emitVisible(Op.CopyInto, pos, 'write variable', 0, 0, sym.name);
  }

  /**
   * Compile a spec's values (leaving them on the stack, converted to the declared type) and
   * return each name's type.
   */
  private valueTypes(s: ValueSpec, declared: Type | null, context: string): Type[] {
    if (s.values.length === 0) {
      if (!declared) fail(s.pos, 'syntax error: missing variable type or initialization', 'syntax');
      return s.names.map(() => declared);
    }
    if (s.values.length === 1 && s.names.length > 1) {
      const v = s.values[0] as Expr;
      const op = this.expr(v);
      const types = this.tupleTypes(op, v, s.names.length);
      if (declared) {
        for (const t of types)
          if (!this.assignableType(t, declared))
            fail(
              v.pos,
              `cannot use ${exprString(v)} value of type ${typeString(t)} as ${typeString(declared)} value in ${context}`,
            );
        return s.names.map(() => declared);
      }
      return [...types];
    }
    return s.values.map((v, i) => {
      this.assignTarget = s.names[i]?.name ?? null;
      const op = this.expr(v, declared ?? undefined);
      if (op.mode === 'void') fail(v.pos, `${exprString(v)} (no value) used as value`);
      if (op.mode === 'tuple')
        fail(
          v.pos,
          `assignment mismatch: ${s.names.length} variable${s.names.length > 1 ? 's' : ''} but ${exprString(v)} returns ${(op.type as { types: readonly Type[] }).types.length} values`,
        );
      if (op.mode === 'nil' && !declared) fail(v.pos, 'use of untyped nil in variable declaration');
      const t = declared ?? defaultType(op.type);
      this.convert(op, t, v, context);
      return t;
    });
  }

  private tupleTypes(op: Operand, v: Expr, want: number): readonly Type[] {
    if (op.mode === 'tuple' && op.type.k === 'tuple') {
      if (op.type.types.length !== want)
        fail(
          v.pos,
          `assignment mismatch: ${want} variables but ${exprString(v)} returns ${op.type.types.length} value${op.type.types.length === 1 ? '' : 's'}`,
        );
      return op.type.types;
    }
    if (op.commaOk && want === 2) {
      // (a receive is a library call: it is asked for two results)
      if (op.commaOk.op === Op.Native) op.commaOk.b = 2;
      else op.commaOk.a = 1;
      return [op.type, T.bool];
    }
    fail(v.pos, `assignment mismatch: ${want} variables but 1 value`);
  }

  /**
   * The package's constant declarations, by name: each group is declared when first needed,
   * since a type or a signature may use a constant declared after it (`[n]int`), as a
   * constant may use a type declared after it
   */
  private readonly pendingConsts = new Map<string, Decl & { k: 'const' }>();
  private readonly constsDeclared = new Set<Decl>();

  /** Declare a package-level constant group, if it is not yet (in the package's scope). */
  private packageConsts(d: Decl & { k: 'const' }): void {
    if (this.constsDeclared.has(d)) return;
    // (a group that needs itself finds its names undefined, as before)
    this.constsDeclared.add(d);
    const [scope, iota] = [this.scope, this.iota];
    this.scope = this.fileScope;
    try {
      this.constDecl(d.specs, this.pkgScope);
    } finally {
      [this.scope, this.iota] = [scope, iota];
    }
  }

  private constDecl(specs: readonly ValueSpec[], scope: Scope): void {
    let last: ValueSpec | null = null;
    specs.forEach((s, i) => {
      // An empty spec repeats the previous one's expressions (with the next iota).
      const src = s.values.length > 0 ? s : last;
      if (s.values.length > 0) last = s;
      if (!src) fail(s.pos, 'missing init expr for const declaration');
      if (src.values.length !== s.names.length)
        fail(
          s.pos,
          src.values.length < s.names.length
            ? 'missing init expr for const declaration'
            : 'extra init expr',
        );
      this.iota = i;
      const declared = src.type ? this.resolveType(src.type) : null;
      s.names.forEach((n, j) => {
        const e = src.values[j] as Expr;
        const c = this.constValue(e);
        if (!c)
          fail(
            e.pos,
            `${exprString(e)} (value of type ${typeString(this.peekType(e))}) is not constant`,
          );
        let type = c.type;
        if (declared) {
          if (!this.representable(c.value, c.type, declared))
            fail(
              e.pos,
              `cannot use ${exprString(e)} (untyped ${this.constKind(c.type)} constant) as ${typeString(declared)} value in constant declaration`,
            );
          type = declared;
        }
        this.declare(scope, n, {
          k: 'const',
          name: n.name,
          type,
          value: this.normalizeConst(c.value, type),
        });
      });
      this.iota = null;
    });
  }

  private constKind(t: Type): string {
    return t.k === 'basic' ? t.name.replace('untyped ', '') : typeString(t);
  }

  /** The type of an expression without emitting code for it (for messages only). */
  private peekType(e: Expr): Type {
    return this.peekOperand(e).type;
  }

  // ---- types ---------------------------------------------------------------------------

  private resolveType(t: TypeExpr): Type {
    switch (t.k) {
      case 'tname': {
        if (t.pkg) {
          const pkg = this.scope.lookup(t.pkg);
          if (!pkg) fail(t.pos, `undefined: ${t.pkg}`);
          if (pkg.k !== 'pkg') fail(t.pos, `${t.pkg}.${t.name} is not a type`);
          pkg.used = true;
          // (gc points at the name after the dot when there is no such name)
          const sel = { line: t.pos.line, col: t.pos.col + t.pkg.length + 1 };
          if (pkg.path === 'sync/atomic' && t.name === 'Pointer')
            fail(t.pos, 'cannot use generic type atomic.Pointer[T any] without instantiation');
          const m = this.member(pkg.path, t.name, t.pos, sel);
          if (m.k !== 'type') fail(t.pos, `${t.pkg}.${t.name} is not a type`);
          return m.type;
        }
        const s = this.scope.lookup(t.name);
        if (!s) fail(t.pos, `undefined: ${t.name}`);
        if (s.k === 'gtype')
          fail(
            t.pos,
            `cannot use generic type ${t.name}${tparamsString(s.g.tparams)} without instantiation`,
          );
        if (s.k !== 'type') fail(t.pos, `${t.name} is not a type`);
        return s.type;
      }
      case 'tptr':
        return { k: 'ptr', elem: this.resolveType(t.elem) };
      case 'tslice':
        return { k: 'slice', elem: this.resolveType(t.elem) };
      case 'tarray': {
        if (!t.len) fail(t.pos, 'invalid use of [...] array (outside a composite literal)');
        return { k: 'array', elem: this.resolveType(t.elem), len: this.arrayLength(t.len) };
      }
      case 'tmap': {
        const key = this.resolveType(t.key);
        const elem = this.resolveType(t.elem);
        const ku = under(key);
        if (!comparable(key)) fail(t.key.pos, `invalid map key type ${typeString(key)}`);
        if (ku.k !== 'basic' && ku.k !== 'ptr' && ku.k !== 'iface' && !leafTypes(key))
          unsupported(
            t.key.pos,
            `map keys of type ${typeString(key)}; use keys of basic types (string, int, bool…), pointers, interfaces, or structs and arrays of basic types`,
          );
        return { k: 'map', key, elem };
      }
      case 'tchan':
        return { k: 'chan', dir: t.dir, elem: this.resolveType(t.elem) };
      case 'tstruct': {
        const seen = new Set<string>();
        const fields = t.fields.map((f) => {
          if (seen.has(f.name)) fail(f.pos, `${f.name} redeclared`);
          if (f.name !== '_') seen.add(f.name);
          const type = this.resolveType(f.type);
          // (types2's words)
          if (f.embedded && type.k === 'ptr' && isInterface(type.elem))
            fail(f.pos, 'embedded field type cannot be a pointer to an interface');
          if (f.embedded && type.k === 'ptr' && under(type.elem).k === 'ptr')
            fail(f.pos, 'embedded field type cannot be a pointer');
          return f.tag
            ? { name: f.name, type, embedded: f.embedded, tag: f.tag }
            : { name: f.name, type, embedded: f.embedded };
        });
        return { k: 'struct', fields };
      }
      case 'tfunc':
        return this.funcType(t.sig);
      case 'tiface': {
        const methods = new Map<string, FuncType>();
        for (const m of t.methods) {
          if (methods.has(m.name)) fail(m.pos, `duplicate method ${m.name}`);
          methods.set(m.name, this.funcType(m.sig));
        }
        // an embedded interface's methods are this one's: the same method twice is fine if
        // its signatures are identical (Go 1.14), otherwise types2's "duplicate method"
        // a constraint's type terms (`~int | ~string`, or a type alone) and `comparable`
        const terms: (readonly TypeTerm[])[] = [];
        let isComparable = false;
        for (const e of t.embeds) {
          const et = this.resolveType(e);
          if (et.k === 'named') this.resolvePending(et);
          const eu = under(et);
          if (eu.k !== 'iface') {
            terms.push([{ tilde: false, type: et }]);
            continue;
          }
          if (eu.terms) terms.push(...eu.terms);
          if (eu.comparable) isComparable = true;
          for (const [name, ft] of eu.methods) {
            const had = methods.get(name);
            if (had && !identical(had, ft)) fail(e.pos, `duplicate method ${name}`);
            methods.set(name, ft);
          }
        }
        if (terms.length === 0 && !isComparable)
          return { k: 'iface', methods } satisfies InterfaceType;
        return {
          k: 'iface',
          methods,
          ...(terms.length ? { terms } : {}),
          ...(isComparable ? { comparable: true } : {}),
        } satisfies InterfaceType;
      }
      case 'tunion': {
        const terms = t.terms.map((x) => {
          const type = this.resolveType(x.type);
          if (x.tilde && under(type) !== type)
            fail(
              x.type.pos,
              `invalid use of ~ (underlying type of ${typeString(type)} is ${typeString(under(type))})`,
            );
          return { tilde: x.tilde, type };
        });
        return { k: 'iface', methods: new Map(), terms: [terms] } satisfies InterfaceType;
      }
      case 'tparen':
        return this.resolveType(t.t);
      case 'tinst': {
        // sync/atomic's Pointer[T], the library's one generic type here
        const b = t.base;
        const pkg = b.k === 'tname' && b.pkg ? this.scope.lookup(b.pkg) : null;
        if (
          pkg?.k === 'pkg' &&
          pkg.path === 'sync/atomic' &&
          b.k === 'tname' &&
          b.name === 'Pointer'
        ) {
          pkg.used = true;
          if (t.args.length !== 1)
            fail(
              t.pos,
              `got ${t.args.length} type arguments but atomic.Pointer[T any] has 1 type parameters`,
            );
          const elem = this.resolveType(t.args[0] as TypeExpr);
          const key = typeString(elem);
          let p = this.atomicPointers.get(key);
          if (!p) this.atomicPointers.set(key, (p = atomicPointerType(elem)));
          return p;
        }
        const gs = b.k === 'tname' && !b.pkg ? this.scope.lookup(b.name) : null;
        if (gs?.k === 'gtype')
          return this.instType(
            gs.g,
            t.args.map((a) => this.resolveType(a)),
            t.pos,
          );
        if (gs?.k === 'type') fail(b.pos, `${typeExprString(b)} is not a generic type`);
        unsupported(t.pos, `generic types (${typeExprString(b)})`);
      }
    }
  }

  // ---- generics: each instance compiled on its own (monomorphized) -----------------------

  /** placeholder types standing for type parameters while a call's are inferred */
  private readonly placeholders = new Set<NamedType>();
  /** peekOperand calls under way: functions reserved now would be taken back after */
  private peeking = 0;
  /** instances met while peeking, whose functions are reserved when the peek is over */
  private pendingInsts: (() => void)[] = [];

  /** Reserve an instance's functions now, or once no peek is under way. */
  private later(reserve: () => void): void {
    if (this.peeking > 0) this.pendingInsts.push(reserve);
    else reserve();
  }

  /** A placeholder type for each type parameter (for inference, and for vet's messages). */
  private placeholdersFor(tparams: readonly { name: Ident }[]): NamedType[] {
    return tparams.map((tp) => {
      const t: NamedType = {
        k: 'named',
        name: tp.name.name,
        pkg: '',
        underlying: emptyInterface,
        methods: new Map(),
        special: null,
        id: this.namedIds++,
      };
      this.placeholders.add(t);
      return t;
    });
  }

  /**
   * A generic function's or method's receiver and parameter types with its type parameters
   * left as they are declared: what vet checks (it checks the generic code, not each
   * instance: `func F[T any](x T)` passes no lock, whatever T is used with).
   */
  private vetTypes(
    d: FuncDecl,
    tparams: readonly { name: Ident }[],
    g: GenericType | null,
  ): { readonly recv: Type | null; readonly params: readonly Type[] } {
    const ph = this.placeholdersFor(tparams);
    const sc = this.bindScope(tparams, ph);
    const params = this.funcTypeIn(sc, d.sig).params;
    if (!g) return { recv: null, params };
    const inst = this.instType(g, ph, d.pos);
    let rt = (d.recv as Param).type;
    while (rt.k === 'tparen') rt = rt.t;
    return { recv: rt.k === 'tptr' ? { k: 'ptr', elem: inst } : inst, params };
  }

  /** A scope where the type parameters name the type arguments. */
  private bindScope(tparams: readonly { name: Ident }[], args: readonly Type[]): Scope {
    const sc = new Scope(this.fileScope);
    tparams.forEach((tp, i) => {
      if (tp.name.name !== '_')
        sc.syms.set(tp.name.name, { k: 'type', name: tp.name.name, type: args[i] as Type });
    });
    return sc;
  }

  /** Resolve a type expression in scope sc (and come back to the scope being compiled). */
  private resolveIn(sc: Scope, t: TypeExpr): Type {
    const saved = this.scope;
    this.scope = sc;
    try {
      return this.resolveType(t);
    } finally {
      this.scope = saved;
    }
  }

  private funcTypeIn(sc: Scope, sig: Signature): FuncType {
    const saved = this.scope;
    this.scope = sc;
    try {
      return this.funcType(sig);
    } finally {
      this.scope = saved;
    }
  }

  private hasPlaceholder(t: Type): boolean {
    switch (t.k) {
      case 'named':
        return this.placeholders.has(t) || (t.typeArgs ?? []).some((a) => this.hasPlaceholder(a));
      case 'ptr':
      case 'slice':
      case 'array':
      case 'chan':
        return this.hasPlaceholder(t.elem);
      case 'map':
        return this.hasPlaceholder(t.key) || this.hasPlaceholder(t.elem);
      case 'func':
        return [...t.params, ...t.results].some((a) => this.hasPlaceholder(a));
      case 'struct':
        return t.fields.some((f) => this.hasPlaceholder(f.type));
      default:
        return false;
    }
  }

  /**
   * Check the type arguments against the constraints (resolved with the type parameters
   * naming the arguments, as a constraint may name them): gc's words where it fails.
   */
  private checkConstraints(
    tparams: readonly TypeParam[],
    args: readonly Type[],
    pos: Pos,
    sc: Scope,
  ): void {
    tparams.forEach((tp, i) => {
      const t = args[i] as Type;
      const c = this.resolveIn(sc, tp.constraint);
      const why = this.satisfies(t, c);
      if (why !== null) fail(pos, `${typeString(t)} does not satisfy ${typeString(c)}${why}`);
    });
  }

  /** null if t satisfies constraint c, else what follows "does not satisfy C" in gc's message. */
  private satisfies(t: Type, c: Type): string | null {
    const cu = under(c);
    if (cu.k !== 'iface') {
      // (a type alone as a constraint: [T int])
      return identical(t, c) ? null : ` (${typeString(t)} missing in ${typeString(c)})`;
    }
    for (const list of cu.terms ?? []) {
      const ok = list.some((x) =>
        x.tilde ? identical(under(t), under(x.type)) : identical(t, x.type),
      );
      if (!ok) {
        const set = list.map((x) => `${x.tilde ? '~' : ''}${typeString(x.type)}`).join(' | ');
        return ` (${typeString(t)} missing in ${set})`;
      }
    }
    if (cu.comparable && !comparable(t)) return '';
    if (cu.methods.size > 0) {
      const why = this.implements(t, { k: 'iface', methods: cu.methods });
      if (why !== null) return ` ${why}`;
    }
    return null;
  }

  /**
   * The program's generic type g instantiated with args: one named type per list of
   * arguments, its underlying type and methods worked out with the parameters naming them
   * (an instance of placeholders, while a call's types are inferred, gets no methods).
   */
  private instType(g: GenericType, args: readonly Type[], pos: Pos): NamedType {
    const name = g.spec.name.name;
    if (args.length < g.tparams.length)
      fail(
        pos,
        `not enough type arguments for type ${name}: have ${args.length}, want ${g.tparams.length}`,
      );
    if (args.length > g.tparams.length)
      fail(
        pos,
        `too many type arguments for type ${name}: have ${args.length}, want ${g.tparams.length}`,
      );
    const key = args.map(typeKey).join(',');
    const had = g.insts.get(key);
    if (had) return had;
    if (g.insts.size >= MAX_INSTANCES) fail(pos, `instantiation cycle in ${name}`);
    const inference = args.some((a) => this.hasPlaceholder(a));
    const t: NamedType = {
      k: 'named',
      name,
      pkg: 'main',
      underlying: T.int,
      methods: new Map(),
      special: null,
      id: this.namedIds++,
      typeArgs: args,
      origin: g,
    };
    g.insts.set(key, t);
    const sc = this.bindScope(g.tparams, args);
    if (!inference) this.checkConstraints(g.tparams, args, pos, sc);
    const u = this.resolveIn(sc, g.spec.type);
    if (u.k === 'named') this.resolvePending(u);
    t.underlying = under(u);
    if (u.k === 'named' && u.special) (t as { special: NamedType['special'] }).special = u.special;
    if (inference) return t;
    this.checkRecursive(t, g.spec.name.pos, new Set());
    for (const d of g.methods) {
      const recv = d.recv as Param;
      const rt = receiverBase(recv.type) as TypeExpr & { k: 'tinst' };
      // (the receiver's own names for the type parameters: `*SafeMap[K, V]`)
      const names = rt.args.map((a) => ({
        name: { name: (a as TypeExpr & { k: 'tname' }).name, pos: a.pos },
      }));
      const msc = this.bindScope(names, args);
      let rte = recv.type;
      while (rte.k === 'tparen') rte = rte.t;
      const ptr = rte.k === 'tptr';
      const type = this.funcTypeIn(msc, d.sig);
      const st = under(t);
      if (st.k === 'struct' && st.fields.some((f) => f.name === d.name.name))
        fail(d.name.pos, `field and method with the same name ${d.name.name}`);
      const ref: MethodRef = { fn: -1, ptrRecv: ptr, sig: type, native: null };
      t.methods.set(d.name.name, ref);
      const fname = ptr
        ? `main.(*${name}[...]).${d.name.name}`
        : `main.${name}[...].${d.name.name}`;
      const recvType: Type = ptr ? { k: 'ptr', elem: t } : t;
      this.later(() => {
        const id = (ref.fn = this.reserveFunc());
        this.bodies.push(() =>
          this.compileFunc(d, id, fname, type, recvType, msc, this.vetTypes(d, names, g)),
        );
      });
    }
    return t;
  }

  /** The program's generic function g instantiated with args: its code, compiled once. */
  private instFunc(g: GenericFunc, args: readonly Type[], pos: Pos): FuncInstance {
    const key = args.map(typeKey).join(',');
    const had = g.insts.get(key);
    if (had) return had;
    const name = g.decl.name.name;
    if (g.insts.size >= MAX_INSTANCES) fail(pos, `instantiation cycle in ${name}`);
    const sc = this.bindScope(g.tparams, args);
    this.checkConstraints(g.tparams, args, pos, sc);
    const type = this.funcTypeIn(sc, g.decl.sig);
    const inst: FuncInstance = { id: -1, type };
    g.insts.set(key, inst);
    this.later(() => {
      const id = (inst.id = this.reserveFunc());
      this.bodies.push(() =>
        this.compileFunc(
          g.decl,
          id,
          `main.${name}[...]`,
          type,
          null,
          sc,
          this.vetTypes(g.decl, g.tparams, null),
        ),
      );
    });
    return inst;
  }

  /** The type arguments written after a generic function's name (`Max[int]`), resolved. */
  private typeArgs(g: GenericFunc, targs: readonly TypeExpr[], pos: Pos): Type[] {
    if (targs.length > g.tparams.length)
      fail(
        pos,
        `got ${targs.length} type arguments but ${g.decl.name.name}${tparamsString(g.tparams)} has ${g.tparams.length} type parameters`,
      );
    return targs.map((a) => this.resolveType(a));
  }

  /**
   * A call of the generic function g with the type arguments `given` (maybe fewer than its
   * parameters, maybe none): the rest inferred from the arguments as Go infers them (typed
   * arguments first, then untyped constants take their default type), and the instance.
   */
  private inferCall(e: Expr & { k: 'call' }, g: GenericFunc, given: readonly Type[]): FuncInstance {
    const name = g.decl.name.name;
    if (given.length === g.tparams.length) return this.instFunc(g, given, e.pos);
    const ph = this.placeholdersFor(g.tparams);
    const phScope = this.bindScope(g.tparams, ph);
    const sig = this.funcTypeIn(phScope, g.decl.sig);
    const bound = new Map<NamedType, Type>();
    given.forEach((t, i) => bound.set(ph[i] as NamedType, t));
    // the arguments' types (f(g()) gives g's results)
    let argTypes: { type: Type; expr: Expr }[] = e.args.map((a) => ({
      type: this.peekType(a),
      expr: a,
    }));
    const only = argTypes[0];
    if (argTypes.length === 1 && only && only.type.k === 'tuple')
      argTypes = only.type.types.map((type) => ({ type, expr: only.expr }));
    const paramAt = (i: number): Type | null => {
      const n = sig.params.length;
      if (!sig.variadic || i < n - 1) return sig.params[i] ?? null;
      const last = sig.params[n - 1] as Type;
      return e.ellipsis ? last : (last as Type & { k: 'slice' }).elem;
    };
    const subst = (t: Type): Type => substitute(t, bound);
    // (types2's infer.go: with nothing inferred, the parameter's type and what cannot be
    // inferred; else the parameter's type with what was inferred put in, if that changed it)
    const mismatch = (a: { type: Type; expr: Expr }, p: Type): never => {
      const what = `type ${typeString(a.type)} of ${exprString(a.expr)} does not match`;
      if (bound.size === 0)
        fail(a.expr.pos, `${what} ${typeString(p)} (cannot infer ${namesString(g.tparams)})`);
      const inferred = subst(p);
      fail(
        a.expr.pos,
        typeString(inferred) !== typeString(p)
          ? `${what} inferred type ${typeString(inferred)} for ${typeString(p)}`
          : `${what} ${typeString(p)}`,
      );
    };
    argTypes.forEach((a, i) => {
      const p = paramAt(i);
      if (!p || isUntyped(a.type)) return;
      if (!this.unify(p, a.type, bound)) mismatch(a, p);
    });
    this.inferFromCores(g, ph, phScope, bound);
    // untyped constants for a parameter typed by a type parameter alone: the default type
    // of the "largest" kind among them (1 and 2.5 make float64); kinds that do not combine
    // (1 and "a") are types2's mismatch
    const KINDS = ['untyped int', 'untyped rune', 'untyped float'];
    const rank = (t: Type) => KINDS.indexOf(typeString(t));
    const untypedFor = new Map<NamedType, Type>();
    argTypes.forEach((a, i) => {
      const p = paramAt(i);
      if (!p || !isUntyped(a.type) || !(p.k === 'named' && this.placeholders.has(p))) return;
      if (bound.has(p) || (a.type.k === 'basic' && a.type.name === 'untyped nil')) return;
      const was = untypedFor.get(p);
      if (was && typeString(was) !== typeString(a.type) && (rank(was) < 0 || rank(a.type) < 0))
        fail(
          a.expr.pos,
          `mismatched types ${typeString(was)} and ${typeString(a.type)} (cannot infer ${typeString(p)})`,
        );
      if (!was || rank(a.type) > rank(was)) untypedFor.set(p, a.type);
    });
    for (const [p, t] of untypedFor) bound.set(p, defaultType(t));
    if (untypedFor.size > 0) this.inferFromCores(g, ph, phScope, bound);
    const args = ph.map((p, i) => {
      const t = bound.get(p);
      if (!t)
        fail(e.pos, `in call to ${name}, cannot infer ${(g.tparams[i] as TypeParam).name.name}`);
      return t;
    });
    return this.instFunc(g, args, e.pos);
  }

  /**
   * Constraint type inference: a type parameter whose constraint has one type term (its core
   * type, `S ~[]E`) is unified with that term once bound (giving E), and is that term once
   * every type parameter in the term is bound (S = []E).
   */
  private inferFromCores(
    g: GenericFunc,
    ph: readonly NamedType[],
    phScope: Scope,
    bound: Map<NamedType, Type>,
  ): void {
    for (let changed = true, rounds = 0; changed && rounds <= ph.length; rounds++) {
      changed = false;
      g.tparams.forEach((tp, i) => {
        const p = ph[i] as NamedType;
        const c = under(this.resolveIn(phScope, tp.constraint));
        const list = c.k === 'iface' && c.terms?.length === 1 ? c.terms[0] : null;
        const term = list?.length === 1 ? list[0] : null;
        if (!term) return;
        const before = bound.size;
        const b = bound.get(p);
        if (b) this.unify(term.type, term.tilde ? under(b) : b, bound);
        else {
          const t = substitute(term.type, bound);
          if (!this.hasPlaceholder(t)) bound.set(p, t);
        }
        if (bound.size > before) changed = true;
      });
    }
  }

  /**
   * Unify parameter type p (with placeholders) with argument type a, binding placeholders:
   * false where they cannot match. A type literal matches a named type's underlying type.
   */
  private unify(p: Type, a: Type, bound: Map<NamedType, Type>): boolean {
    if (p.k === 'named' && this.placeholders.has(p)) {
      const b = bound.get(p);
      if (b) return identical(b, a);
      bound.set(p, a);
      return true;
    }
    if (p.k === 'named') {
      if (!p.origin) return identical(p, a);
      if (a.k !== 'named' || a.origin !== p.origin) return false;
      const pa = p.typeArgs ?? [];
      const aa = a.typeArgs ?? [];
      return pa.every((t, i) => this.unify(t, aa[i] as Type, bound));
    }
    if (!this.hasPlaceholder(p)) return true;
    const au = a.k === 'named' ? under(a) : a;
    switch (p.k) {
      case 'ptr':
      case 'slice':
        return au.k === p.k && this.unify(p.elem, au.elem, bound);
      case 'array':
        return au.k === 'array' && au.len === p.len && this.unify(p.elem, au.elem, bound);
      case 'map':
        return (
          au.k === 'map' && this.unify(p.key, au.key, bound) && this.unify(p.elem, au.elem, bound)
        );
      // (inexact, as types2 unifies: a chan T unifies with a <-chan T parameter; assignment
      // then says whether the directions fit)
      case 'chan':
        return au.k === 'chan' && this.unify(p.elem, au.elem, bound);
      case 'func':
        return (
          au.k === 'func' &&
          au.params.length === p.params.length &&
          au.results.length === p.results.length &&
          au.variadic === p.variadic &&
          p.params.every((t, i) => this.unify(t, au.params[i] as Type, bound)) &&
          p.results.every((t, i) => this.unify(t, au.results[i] as Type, bound))
        );
      case 'struct':
        return (
          au.k === 'struct' &&
          au.fields.length === p.fields.length &&
          p.fields.every((f, i) => {
            const af = au.fields[i] as (typeof au.fields)[number];
            return af.name === f.name && this.unify(f.type, af.type, bound);
          })
        );
      default:
        return true;
    }
  }

  /**
   * A generic function named by e (`F`, or `F[int]` / `F[int, string]` with type arguments),
   * or null if e names none.
   */
  private genericFunc(
    e: Expr,
  ): { g: GenericFunc; targs: readonly TypeExpr[]; name: string } | null {
    let x = e;
    let targs: readonly TypeExpr[] = [];
    if (x.k === 'inst') {
      targs = x.targs;
      x = x.x;
    } else if (x.k === 'index') {
      const ix = x.index;
      const base = x.x;
      if (base.k !== 'ident') return null;
      const sym = this.scope.lookup(base.name);
      if (sym?.k !== 'gfunc') return null;
      return { g: sym.g, targs: [exprAsTypeExpr(ix)], name: base.name };
    }
    if (x.k !== 'ident') return null;
    const sym = this.scope.lookup(x.name);
    if (sym?.k !== 'gfunc') return null;
    return { g: sym.g, targs, name: x.name };
  }

  /** A generic function as a value (`f := Max[int]`): every type argument must be given. */
  private genericValue(
    e: Expr,
    gf: { g: GenericFunc; targs: readonly TypeExpr[]; name: string },
  ): Operand {
    if (gf.targs.length === 0)
      fail(e.pos, `cannot use generic function ${gf.name} without instantiation`);
    const args = this.typeArgs(gf.g, gf.targs, e.pos);
    if (args.length < gf.g.tparams.length)
      fail(
        e.pos,
        `in call to ${gf.name}, cannot infer ${(gf.g.tparams[args.length] as TypeParam).name.name}`,
      );
    const inst = this.instFunc(gf.g, args, e.pos);
    this.emit(Op.Push, e.pos, 0, 0, { fn: inst.id });
    return { mode: 'value', type: inst.type };
  }

  private funcType(sig: Signature): FuncType {
    const saved = this.scope;
    if (!this.scope) this.scope = this.fileScope;
    const params = sig.params.map((p) => this.resolveType(p.type));
    const results = sig.results.map((p) => this.resolveType(p.type));
    this.scope = saved;
    return { k: 'func', params, results, variadic: sig.variadic };
  }

  /** A generic library function's signature for this call (from its first argument's type). */
  private instantiate(
    m: Member & { k: 'generic' },
    call: Expr & { k: 'call' },
    fun: Expr & { k: 'selector' },
  ): FuncType {
    const first = call.args[0];
    const name = exprString(fun);
    if (!first) fail(call.pos, `not enough arguments in call to ${name}`);
    const t = defaultType(this.peekType(first));
    const r = m.instantiate(t, name);
    if (typeof r === 'string') fail(fun.selPos, r);
    return r;
  }

  private member(path: string, name: string, pos: Pos, namePos: Pos = pos): Member {
    const m = packages.get(path)?.get(name);
    if (!m) {
      if (/^[a-z]/.test(name))
        fail(namePos, `name ${name} not exported by package ${packageName(path)}`);
      if (exportedNames.get(path)?.has(name) === false)
        fail(namePos, `undefined: ${packageName(path)}.${name}`);
      unsupported(pos, `${packageName(path)}.${name} is not simulated yet`);
    }
    if (m.k === 'unsupported') unsupported(pos, m.why);
    return m;
  }

  // ---- functions -----------------------------------------------------------------------

  private compileFunc(
    d: FuncDecl,
    id: number,
    name: string,
    type: FuncType,
    recvType: Type | null,
    outer: Scope = this.fileScope,
    /** a generic's instance: its receiver and parameter types as declared (see vetTypes) */
    vetAs: { readonly recv: Type | null; readonly params: readonly Type[] } | null = null,
  ): void {
    const body = d.body as Block;
    const recvIdent = d.recv?.name ? { name: d.recv.name, pos: d.recv.pos } : null;
    const escapes = findEscapes(d.sig, recvIdent, body);
    const f = new FnCtx(name, type, null, escapes);
    this.scope = outer;
    this.vetParams(
      d.name.name,
      d.sig.params,
      vetAs?.params ?? type.params,
      d.recv,
      vetAs ? vetAs.recv : recvType,
    );
    this.fnc = f;
    this.scope = new Scope(outer);
    const params: { id: Ident | null; type: Type }[] = [];
    if (d.recv) params.push({ id: recvIdent, type: recvType as Type });
    d.sig.params.forEach((p, i) =>
      params.push({
        id: p.name ? { name: p.name, pos: p.pos } : null,
        type: type.params[i] as Type,
      }),
    );
    if (!vetAs) {
      this.body(f, id, params, d.sig, type, body, d.pos, false);
      return;
    }
    // a generic's body: vet's findings in it are an instance's (a T that is a Mutex here),
    // which vet, looking at the generic code, does not make
    const vetBefore = this.vet.length;
    try {
      this.body(f, id, params, d.sig, type, body, d.pos, false);
    } finally {
      this.vet.length = vetBefore;
    }
  }

  /** Shared by declared functions and function literals. */
  private body(
    f: FnCtx,
    id: number,
    params: { id: Ident | null; type: Type }[],
    sig: Signature,
    type: FuncType,
    body: Block,
    pos: Pos,
    closure: boolean,
  ): void {
    this.beginStep();
    const paramSyms: VarSym[] = [];
    for (const p of params) {
      const slot = f.newLocal(p.id?.name ?? null, p.type);
      const boxed = !!p.id && this.mustBox(f, p.id, p.type);
      const watched = boxed && !!p.id && f.escapes.watched.has(declKey(p.id));
      if (watched) f.watch.push(slot);
      const sym: VarSym = {
        k: 'var',
        name: p.id?.name ?? '_',
        type: p.type,
        pos: p.id?.pos ?? pos,
        owner: f,
        slot,
        boxed,
        watched,
        used: true,
      };
      paramSyms.push(sym);
      if (p.id && p.id.name !== '_') this.declare(this.scope, p.id, sym);
    }
    const nparams = f.nlocals;
    for (const s of paramSyms) {
      if (s.boxed) {
        this.emit(Op.Load, pos, s.slot);
        this.emit(Op.InitBox, pos, s.slot);
      }
    }
    if (sig.results.some((r) => r.name)) {
      f.namedResults = [];
      sig.results.forEach((r, i) => {
        const t = type.results[i] as Type;
        const ident = { name: r.name ?? '_', pos: r.pos };
        const sym = this.newVar(ident, t, true);
        sym.used = true;
        this.emit(Op.Zero, r.pos, 0, 0, t);
        this.initVar(sym, r.pos);
        f.namedResults?.push({ slot: sym.slot, boxed: sym.boxed });
      });
    }
    this.stmts(body.stmts);
    if (type.results.length > 0 && !this.terminates(body.stmts)) fail(body.end, 'missing return');
    this.beginStep();
    this.emit(Op.Ret, body.end, 0, 0);
    this.checkUnused(f);
    this.finishFunc(f, id, pos, body.end, closure, nparams);
  }

  private checkUnused(f: FnCtx): void {
    for (const v of f.locals)
      if (!v.used && v.name !== '_')
        this.deferredErrors.push({
          pos: v.pos,
          msg: `declared and not used: ${v.name}`,
          kind: 'type',
        });
  }

  private finishFunc(
    f: FnCtx,
    id: number,
    pos: Pos,
    end: Pos,
    _closure: boolean,
    nparams = 0,
  ): void {
    this.funcs[id] = {
      id,
      name: f.name,
      pos,
      end,
      type: f.type,
      nlocals: f.nlocals,
      nparams,
      namedResults: f.namedResults,
      captureSlots: f.captureOrder.map((v) => f.captures.get(v) as number),
      code: f.code,
      native: false,
      localNames: f.localNames,
      localTypes: f.localTypes,
      watch: f.watch,
    };
  }

  /** A wrapper function around a library call, so it can be deferred, started or stored. */
  private trampoline(
    nativeName: string,
    nargs: number,
    nresults: number,
    type: FuncType,
    ptrRecv = true,
  ): number {
    const spread = this.spread;
    this.spread = false;
    const key = `${nativeName}/${nargs}${spread ? '...' : ''}`;
    const known = this.trampolines.get(key);
    if (known !== undefined) return known;
    const id = this.reserveFunc();
    const pos = { line: 0, col: 0 };
    const code: Instr[] = [];
    for (let i = 0; i < nargs; i++)
      code.push({ op: Op.Load, a: i, b: 0, c: null, pos, st: i === 0, lab: null });
    code.push({
      op: Op.Native,
      a: nargs,
      b: nresults,
      c: spread ? { name: nativeName, place: null, spread } : { name: nativeName, place: null },
      pos,
      st: nargs === 0,
      lab: NATIVE_STEPS.get(nativeName) ?? null,
    });
    code.push({ op: Op.Ret, a: nresults, b: 0, c: null, pos, st: false, lab: null });
    const [pkg, tname, mname] = nativeName.split('.');
    const pkgPath = pkg === 'http' ? 'net/http' : (pkg ?? '');
    const goName = mname
      ? ptrRecv
        ? `${pkgPath}.(*${tname}).${mname}`
        : `${pkgPath}.${tname}.${mname}`
      : nativeName;
    return this.wrapperFunc(key, id, goName, type, nargs, code);
  }

  /** Record a wrapper's code (no source of its own: tracebacks leave it out) under `key`. */
  private wrapperFunc(
    key: string,
    id: number,
    name: string,
    type: FuncType,
    nargs: number,
    code: Instr[],
  ): number {
    const pos = { line: 0, col: 0 };
    this.funcs[id] = {
      id,
      name,
      pos,
      end: pos,
      type,
      nlocals: nargs,
      nparams: nargs,
      namedResults: null,
      captureSlots: [],
      code,
      native: true,
      localNames: [],
      localTypes: [],
      watch: [],
    };
    this.trampolines.set(key, id);
    return id;
  }

  /**
   * (*T).M for a value method M: a function of (p *T, args...) that calls M with a copy of *p,
   * as Go's autogenerated wrapper does (a nil p panics there). One per method.
   */
  private derefWrapper(method: number, base: Type, sig: FuncType, name: string): number {
    const key = `deref/${method}`;
    const known = this.trampolines.get(key);
    if (known !== undefined) return known;
    // a struct value is its object (copied for the callee); another value is read through p
    const read = isStructLike(base)
      ? wrapperIns(Op.Copy)
      : wrapperIns(Op.LoadP, 0, 0, null, false, 'read through pointer');
    const call = wrapperIns(Op.Call, method, sig.params.length + 1);
    return this.methodWrapper(key, name, { k: 'ptr', elem: base }, sig, [read], call);
  }

  /**
   * A wrapper that calls a method for its receiver (of type `recv`, its first parameter): the
   * receiver made ready by `prepare`, sig's parameters passed on, `call`'s results returned.
   */
  private methodWrapper(
    key: string,
    name: string,
    recv: Type,
    sig: FuncType,
    prepare: readonly Instr[],
    call: Instr,
  ): number {
    const id = this.reserveFunc();
    const nargs = sig.params.length + 1;
    const code: Instr[] = [wrapperIns(Op.Load, 0, 0, null, true), ...prepare];
    for (let i = 1; i < nargs; i++) code.push(wrapperIns(Op.Load, i));
    code.push(call, wrapperIns(Op.Ret, sig.results.length));
    const type: FuncType = {
      k: 'func',
      params: [recv, ...sig.params],
      results: sig.results,
      variadic: sig.variadic,
    };
    return this.wrapperFunc(key, id, name, type, nargs, code);
  }

  /** Library methods reachable through interfaces or returned as funcs get wrappers too. */
  private makeLibraryTrampolines(): void {
    const seen = new Set<NamedType>();
    const visit = (t: NamedType) => {
      if (seen.has(t)) return;
      seen.add(t);
      for (const m of t.methods.values()) {
        if (!m.native) continue;
        this.trampoline(m.native, m.sig.params.length + 1, m.sig.results.length, m.sig, m.ptrRecv);
      }
    };
    for (const t of libraryTypes) visit(t);
    this.trampoline('context.cancel', 1, 0, fn([], []));
    this.trampoline('context.cancelCause', 2, 0, fn([errorType], []));
    this.trampoline('context.afterFuncStop', 1, 1, fn([], [T.bool]));
  }

  // ---- emission ------------------------------------------------------------------------

  private beginStep(): void {
    this.fnc.pendingStep = true;
    this.fnc.visible = 0;
    this.assignTarget = null;
  }

  private emit(
    op: Op,
    pos: Pos,
    a = 0,
    b = 0,
    c: unknown = null,
    lab: string | null = null,
  ): Instr {
    const ins: Instr = { op, a, b, c, pos, st: this.fnc.pendingStep, lab };
    this.fnc.pendingStep = false;
    this.fnc.code.push(ins);
    return ins;
  }

  /**
   * Emit an operation on shared state. The first one in a statement shares the statement's
   * step; each later one is a step of its own, so other goroutines can run in between.
   */
  private emitVisible(op: Op, pos: Pos, lab: string, a = 0, b = 0, c: unknown = null): Instr {
    if (this.fnc.visible > 0) this.fnc.pendingStep = true;
    this.fnc.visible++;
    return this.emit(op, pos, a, b, c, lab);
  }

  private here(): number {
    return this.fnc.code.length;
  }

  private patch(ins: Instr, target: number): void {
    ins.a = target;
  }

  // ---- variables -----------------------------------------------------------------------

  private newVar(id: Ident, type: Type, declareIt = true): VarSym {
    const f = this.fnc;
    const slot = f.newLocal(id.name, type);
    const boxed = this.mustBox(f, id, type);
    const watched = boxed && f.escapes.watched.has(declKey(id));
    if (watched) f.watch.push(slot);
    const sym: VarSym = {
      k: 'var',
      name: id.name,
      type,
      pos: id.pos,
      owner: f,
      slot,
      boxed,
      watched,
      used: false,
    };
    f.locals.push(sym);
    if (declareIt) this.declare(this.scope, id, sym);
    return sym;
  }

  /**
   * Whether the variable declared at id (of type t) lives in a box: its address is taken or
   * a closure captures it (escape analysis), or a pointer method is called on it (which
   * takes its address) and it is not a struct (a struct is a heap object already).
   */
  private mustBox(f: FnCtx, id: Ident, t: Type): boolean {
    if (isStructLike(t)) return false;
    const key = declKey(id);
    if (f.escapes.boxed.has(key)) return true;
    const names = f.escapes.selected.get(key);
    if (!names || t.k !== 'named') return false;
    for (const name of names) if (t.methods.get(name)?.ptrRecv) return true;
    return false;
  }

  /** The value on the stack becomes the variable's first value (a fresh cell if boxed). */
  private initVar(sym: VarSym, pos: Pos): void {
    this.emit(sym.boxed ? Op.InitBox : Op.Store, pos, sym.slot);
  }

  /** The local slot through which this function reaches a variable (capturing it if needed). */
  private slotFor(sym: VarSym, f: FnCtx): number {
    if (sym.owner === f) return sym.slot;
    const known = f.captures.get(sym);
    if (known !== undefined) return known;
    if (!f.parent) throw new Error(`internal: ${sym.name} not reachable`);
    this.slotFor(sym, f.parent);
    const slot = f.newLocal(sym.name, sym.type);
    f.captures.set(sym, slot);
    f.captureOrder.push(sym);
    if (sym.watched) f.watch.push(slot);
    return slot;
  }

  private loadVar(sym: VarSym, pos: Pos): void {
    if (sym.owner === null) {
      const pending = this.pendingGlobals.get(sym.name);
      if (pending)
        unsupported(
          pos,
          `package-level variable ${sym.name} read before it is initialised: the initialisers refer to each other through methods, and Interleave cannot work out their order`,
        );
      this.emit(Op.Global, pos, sym.slot);
      if (sym.boxed) this.emitVisible(Op.LoadP, pos, `read ${sym.name}`, 0, 0, sym.name);
      return;
    }
    const slot = this.slotFor(sym, this.fnc);
    const captured = sym.owner !== this.fnc;
    if (captured && !sym.boxed && !isStructLike(sym.type))
      throw new Error(`internal: captured ${sym.name} is not boxed`);
    if (sym.boxed) this.emitVisible(Op.LoadBox, pos, `read ${sym.name}`, slot, 0, sym.name);
    else this.emit(Op.Load, pos, slot);
  }

  // ---- statements ----------------------------------------------------------------------

  /**
   * The statements of a block. One that fails is reported and the next ones are checked, as
   * types2 does; what it would have declared is poisoned (a use of it is no new error), and
   * the compiler's state is put back as it was before it.
   */
  private stmts(list: readonly Stmt[]): void {
    for (const s of list) {
      const saved = {
        scope: this.scope,
        fnc: this.fnc,
        labels: this.labels.length,
        iota: this.iota,
        assignTarget: this.assignTarget,
      };
      try {
        this.stmt(s);
      } catch (e) {
        if (!(e instanceof CompileError) || e.diagnostic.kind === 'unsupported') throw e;
        this.scope = saved.scope;
        this.fnc = saved.fnc;
        this.labels.length = saved.labels;
        this.iota = saved.iota;
        this.assignTarget = saved.assignTarget;
        this.spread = false;
        this.failures++;
        const d = e.diagnostic;
        const undefinedName = /^undefined: (\w+)$/.exec(d.msg)?.[1];
        if (!undefinedName || !this.poisoned.has(undefinedName)) this.recovered.push(d);
        // the variables in scope may have been used in what was not checked: none is reported
        // unused (those declared after it are, as usual)
        for (let f: FnCtx | null = this.fnc; f; f = f.parent)
          for (const v of f.locals) v.used = true;
        this.declareAfterFailure(s);
      }
    }
  }

  /**
   * What a failed statement declares: a `var` with a type is declared with it, as types2 keeps
   * it whatever its value's error; any other name is poisoned.
   */
  private declareAfterFailure(s: Stmt): void {
    if (s.k === 'var')
      for (const spec of s.specs) {
        let t: Type | null = null;
        try {
          t = spec.type ? this.resolveType(spec.type) : null;
        } catch (e) {
          if (!(e instanceof CompileError)) throw e;
        }
        for (const n of spec.names) {
          if (!t || n.name === '_' || this.scope.syms.has(n.name)) {
            this.poisoned.add(n.name);
            continue;
          }
          const sym = this.newVar(n, t, false);
          sym.used = true;
          this.declare(this.scope, n, sym);
        }
      }
    else for (const n of declaredBy(s)) this.poisoned.add(n);
  }

  private stmt(s: Stmt, label: string | null = null): void {
    this.beginStep();
    switch (s.k) {
      case 'expr':
        return this.exprStmt(s.x);
      case 'send':
        return this.send(s);
      case 'select':
        return this.selectStmt(s, label);
      case 'assign':
        return s.op === '='
          ? this.assign(s.lhs, s.rhs, s.pos)
          : this.opAssign(s.lhs, s.op.slice(0, -1), s.rhs, s.pos);
      case 'define':
        return this.define(s.names, s.rhs, s.pos);
      case 'incdec':
        return this.opAssign(
          [s.x],
          s.op === '++' ? '+' : '-',
          [{ k: 'int', pos: s.pos, value: 1, text: '1' }],
          s.pos,
        );
      case 'var':
        for (const spec of s.specs) this.localVar(spec);
        return;
      case 'const':
        return this.constDecl(s.specs, this.scope);
      case 'type':
        return this.localTypes(s.specs);
      case 'block':
        return this.block(s.block);
      case 'if':
        return this.ifStmt(s);
      case 'for':
        return this.forStmt(s, label);
      case 'range':
        return this.rangeStmt(s, label);
      case 'switch':
        return this.switchStmt(s, label);
      case 'go':
      case 'defer':
        return this.goDefer(s.call, s.k, s.pos);
      case 'return':
        return this.returnStmt(s.results, s.pos);
      case 'branch':
        return this.branch(s.tok, s.label, s.pos);
      case 'labeled': {
        const def = { name: s.label.name, used: false };
        this.labels.push(def);
        if (s.stmt) this.stmt(s.stmt, s.label.name);
        this.labels.pop();
        if (!def.used) fail(s.label.pos, `label ${s.label.name} defined and not used`);
        return;
      }
      case 'fallthrough':
        fail(s.pos, 'fallthrough statement out of place');
      // falls through (fail throws)
      case 'empty':
        return;
    }
  }

  private block(b: Block): void {
    const saved = this.scope;
    this.scope = new Scope(saved);
    this.stmts(b.stmts);
    this.scope = saved;
  }

  private localTypes(specs: readonly TypeSpec[]): void {
    for (const s of specs) {
      if (s.tparams) fail(s.name.pos, 'generic type cannot be declared inside a function');
      if (s.alias) {
        this.declare(this.scope, s.name, {
          k: 'type',
          name: s.name.name,
          type: this.resolveType(s.type),
        });
        continue;
      }
      const t: NamedType = {
        k: 'named',
        name: s.name.name,
        pkg: 'main',
        underlying: T.int,
        methods: new Map(),
        special: null,
        id: this.namedIds++,
      };
      this.declare(this.scope, s.name, { k: 'type', name: s.name.name, type: t });
      t.underlying = under(this.resolveType(s.type));
    }
  }

  private exprStmt(x: Expr): void {
    let e = x;
    while (e.k === 'paren') e = e.x;
    // `fmt.Println` without its call: gc's words, with the signature as go/types writes it
    const sig =
      e.k === 'selector' && this.pkgOf(e.x) ? FMT_SIGNATURES.get(exprString(e)) : undefined;
    if (sig) fail(x.pos, `${exprString(x)} (value of type ${sig}) is not used`);
    // a receive whose value is dropped
    if (e.k === 'unary' && e.op === '<-') {
      this.expr(e);
      this.emit(Op.Pop, x.pos);
      return;
    }
    if (e.k !== 'call') {
      const op = this.expr(x);
      fail(x.pos, `${exprString(x)} (${this.describeMode(x, op)}) is not used`);
    }
    const callee = e.fun.k === 'ident' ? this.scope.lookup(e.fun.name) : null;
    const op = this.call(e);
    if (
      callee?.k === 'builtin' &&
      !['panic', 'print', 'println', 'copy', 'delete', 'recover', 'clear', 'close'].includes(
        callee.name,
      )
    )
      fail(x.pos, `${exprString(x)} (value of type ${typeString(op.type)}) is not used`);
    if (callee?.k === 'type' || e.fun.k === 'typeexpr')
      fail(x.pos, `${exprString(x)} (value of type ${typeString(op.type)}) is not used`);
    const n =
      op.mode === 'void'
        ? 0
        : op.mode === 'tuple' && op.type.k === 'tuple'
          ? op.type.types.length
          : 1;
    for (let i = 0; i < n; i++) this.emit(Op.Pop, x.pos);
  }

  private describeMode(e: Expr, op: Operand): string {
    if (op.mode === 'const') {
      // (types2's operand: the value after "constant" when the expression does not spell it,
      // as `big (untyped int constant 300)`, `'a' (untyped rune constant 97)`)
      const text = op.value === undefined ? '' : constText(op.value, op.type);
      const value = text && text !== exprString(e) ? ` ${text}` : '';
      return isUntyped(op.type)
        ? `untyped ${this.constKind(op.type)} constant${value}`
        : `constant${value} of type ${typeString(op.type)}`;
    }
    if (op.mode === 'nil') return 'untyped nil';
    if (op.mapIndex) return `map index expression of type ${typeString(op.type)}`;
    const base = e.k === 'paren' ? e.x : e;
    if (op.addressable || (base.k === 'ident' && this.scope.lookup(base.name)?.k === 'var'))
      return `variable of type ${typeString(op.type)}`;
    return `value of type ${typeString(op.type)}`;
  }

  private describe(e: Expr, op: Operand): string {
    if (op.mode === 'nil') return 'nil';
    return `${exprString(e)} (${this.describeMode(e, op)})`;
  }

  private localVar(spec: ValueSpec): void {
    const declared = spec.type ? this.resolveType(spec.type) : null;
    if (spec.values.length === 0) {
      for (const n of spec.names) {
        if (n.name === '_') continue;
        const t = declared as Type;
        this.emit(Op.Zero, n.pos, 0, 0, t);
        const sym = this.newVar(n, t, false);
        this.initVar(sym, n.pos);
        this.declare(this.scope, n, sym);
      }
      return;
    }
    if (spec.values.length !== spec.names.length && spec.values.length !== 1)
      fail(
        spec.pos,
        `assignment mismatch: ${spec.names.length} variable${spec.names.length > 1 ? 's' : ''} but ${spec.values.length} value${spec.values.length > 1 ? 's' : ''}`,
      );
    const types = this.valueTypes(spec, declared, 'variable declaration');
    const syms = spec.names.map((n, i) =>
      n.name === '_' ? null : this.newVar(n, types[i] as Type, false),
    );
    for (let i = syms.length - 1; i >= 0; i--) {
      const sym = syms[i];
      if (sym) this.initVar(sym, spec.pos);
      else this.emit(Op.Pop, spec.pos);
    }
    spec.names.forEach((n, i) => {
      const sym = syms[i];
      if (sym) this.declare(this.scope, n, sym);
    });
  }

  private define(names: readonly Ident[], rhs: readonly Expr[], pos: Pos): void {
    const existing = names.map((n) =>
      n.name === '_' ? null : (this.scope.syms.get(n.name) ?? null),
    );
    if (names.every((n, i) => n.name === '_' || existing[i]))
      fail(pos, 'no new variables on left side of :=');
    const types = this.rhsValues(
      names.length,
      rhs,
      pos,
      names.map((_n, i) => {
        const ex = existing[i];
        return ex && ex.k === 'var' ? ex.type : null;
      }),
      names.map((n) => n.name),
    );
    // values are on the stack, first at the bottom: bind right to left
    const targets: (VarSym | null)[] = names.map((n, i) => {
      const ex = existing[i];
      if (n.name === '_') return null;
      if (ex) {
        if (ex.k !== 'var') fail(n.pos, `cannot assign to ${n.name}`);
        return ex;
      }
      const t = types[i] as Type;
      if (t.k === 'basic' && t.name === 'untyped nil')
        fail(rhs[i]?.pos ?? pos, 'use of untyped nil in assignment');
      return this.newVar(n, defaultType(t), false);
    });
    for (let i = targets.length - 1; i >= 0; i--) {
      const sym = targets[i];
      if (!sym) {
        this.emit(Op.Pop, pos);
        continue;
      }
      if (existing[i]) this.storeVar(sym, pos);
      else this.initVar(sym, pos);
    }
    names.forEach((n, i) => {
      const sym = targets[i];
      if (sym && !existing[i]) this.declare(this.scope, n, sym);
    });
  }

  /** Store the value on the stack into an existing variable. */
  private storeVar(sym: VarSym, pos: Pos): void {
    if (isStructLike(sym.type)) {
      const tmp = this.fnc.newLocal(null, sym.type);
      this.emit(Op.Store, pos, tmp);
      this.loadVarRef(sym, pos);
      this.emit(Op.Load, pos, tmp);
      this.emitVisible(Op.CopyInto, pos, `write ${sym.name}`, 0, 0, sym.name);
      return;
    }
    if (sym.owner === null) {
      const tmp = this.fnc.newLocal(null, sym.type);
      this.emit(Op.Store, pos, tmp);
      this.emit(Op.Global, pos, sym.slot);
      this.emit(Op.Load, pos, tmp);
      this.emitVisible(Op.StoreP, pos, `write ${sym.name}`, 0, 0, sym.name);
      return;
    }
    const slot = this.slotFor(sym, this.fnc);
    if (sym.boxed) this.emitVisible(Op.StoreBox, pos, `write ${sym.name}`, slot, 0, sym.name);
    else this.emit(Op.Store, pos, slot);
  }

  /** Push the struct object a struct-like variable names (its address). */
  private loadVarRef(sym: VarSym, pos: Pos): void {
    if (sym.owner === null) this.emit(Op.Global, pos, sym.slot);
    else this.emit(Op.Load, pos, this.slotFor(sym, this.fnc));
  }

  /**
   * Evaluate right-hand sides for n targets, leaving n values on the stack (converted to the
   * target types where known), and return their types.
   */
  private rhsValues(
    n: number,
    rhs: readonly Expr[],
    pos: Pos,
    targets: (Type | null)[],
    names: readonly string[] = [],
  ): Type[] {
    if (rhs.length === 1 && n > 1) {
      const e = rhs[0] as Expr;
      const op = this.expr(e);
      const types = [...this.tupleTypes(op, e, n)];
      if (targets.some((t) => t !== null)) {
        // convert each value: spill to temps, then reload converted
        const tmps = types.map((t) => this.fnc.newLocal(null, t));
        for (let i = n - 1; i >= 0; i--) this.emit(Op.Store, pos, tmps[i] as number);
        types.forEach((t, i) => {
          this.emit(Op.Load, pos, tmps[i] as number);
          const target = targets[i];
          if (target) {
            this.convert({ mode: 'value', type: t }, target, e, 'assignment');
            types[i] = target;
          }
        });
      }
      return types;
    }
    if (rhs.length !== n)
      fail(
        pos,
        `assignment mismatch: ${n} variable${n > 1 ? 's' : ''} but ${rhs.length} value${rhs.length > 1 ? 's' : ''}`,
      );
    return rhs.map((e, i) => {
      this.assignTarget = names[i] ?? null;
      const target = targets[i] ?? undefined;
      const op = this.expr(e, target);
      if (op.mode === 'void') fail(e.pos, `${exprString(e)} (no value) used as value`);
      if (op.mode === 'tuple')
        fail(
          e.pos,
          `multiple-value ${exprString(e)} (value of type ${typeString(op.type)}) in single-value context`,
        );
      if (target) {
        this.convert(op, target, e, 'assignment');
        return target;
      }
      if (op.mode === 'nil') return op.type;
      const t = defaultType(op.type);
      this.convert(op, t, e, 'assignment');
      return t;
    });
  }

  private assign(lhs: readonly Expr[], rhs: readonly Expr[], pos: Pos): void {
    if (lhs.length === 1 && rhs.length === 1) {
      const lv = this.lvalue(lhs[0] as Expr);
      this.assignTarget = exprString(lhs[0] as Expr);
      const e = rhs[0] as Expr;
      const op = this.expr(e, lv.type ?? undefined);
      if (op.mode === 'void') fail(e.pos, `${exprString(e)} (no value) used as value`);
      if (op.mode === 'tuple')
        fail(
          pos,
          `assignment mismatch: 1 variable but ${exprString(e)} returns ${(op.type as { types: readonly Type[] }).types.length} values`,
        );
      if (lv.k === 'blank') {
        if (op.mode === 'nil') fail(e.pos, 'use of untyped nil in assignment');
        this.emit(Op.Pop, pos);
        return;
      }
      this.convert(op, lv.type, e, 'assignment', lv.k !== 'struct');
      this.storeLV(lv, pos);
      return;
    }
    // Several targets, in the spec's two phases: first the operands of the targets' index
    // expressions and indirections, then every value (so `i, s[i] = 1, 9` writes s[0]), then
    // the assignments, left to right
    const targets = lhs.map((l) => {
      const lv = this.lvalue(l);
      const held = Array.from({ length: lvParts(lv) }, () => this.fnc.newLocal(null, null));
      for (let k = held.length - 1; k >= 0; k--) this.emit(Op.Store, pos, held[k] as number);
      return { lv, held };
    });
    const types = this.rhsValues(
      lhs.length,
      rhs,
      pos,
      lhs.map(() => null),
    );
    const tmps = types.map((t) => this.fnc.newLocal(null, t));
    for (let i = tmps.length - 1; i >= 0; i--) this.emit(Op.Store, pos, tmps[i] as number);
    lhs.forEach((l, i) => {
      const { lv, held } = targets[i] as (typeof targets)[number];
      for (const slot of held) this.emit(Op.Load, pos, slot);
      this.emit(Op.Load, pos, tmps[i] as number);
      if (lv.k === 'blank') {
        this.emit(Op.Pop, pos);
        return;
      }
      const t = types[i] as Type;
      this.convert(
        { mode: t.k === 'basic' && t.name === 'untyped nil' ? 'nil' : 'value', type: t },
        lv.type,
        rhs[i] ?? l,
        'assignment',
        lv.k !== 'struct',
      );
      this.storeLV(lv, pos);
    });
  }

  private opAssign(lhs: readonly Expr[], op: string, rhs: readonly Expr[], pos: Pos): void {
    if (lhs.length !== 1 || rhs.length !== 1)
      fail(pos, `assignment operation ${op}= requires single-valued expressions`);
    const l = lhs[0] as Expr;
    const lv = this.lvalue(l);
    if (lv.k === 'blank') fail(l.pos, 'cannot use _ as value');
    const parts = lvParts(lv);
    if (parts > 0) this.emit(Op.Dup, pos, parts);
    this.loadLV(lv, pos);
    const cur: Operand = { mode: 'value', type: lv.type };
    const r = rhs[0] as Expr;
    const right = this.expr(r, lv.type);
    const result = this.binaryOn(op, cur, right, l, r, pos);
    this.convert(result, lv.type, l, 'assignment');
    this.storeLV(lv, pos);
  }

  // ---- places --------------------------------------------------------------------------

  private lvalue(e: Expr): LValue {
    switch (e.k) {
      case 'paren':
        return this.lvalue(e.x);
      case 'ident': {
        if (e.name === '_') return { k: 'blank', type: null };
        const sym = this.scope.lookup(e.name);
        if (!sym) fail(e.pos, `undefined: ${e.name}`);
        if (sym.k !== 'var')
          fail(
            e.pos,
            `cannot assign to ${e.name} (neither addressable nor a map index expression)`,
          );
        if (isStructLike(sym.type)) {
          this.loadVarRef(sym, e.pos);
          return { k: 'struct', type: sym.type };
        }
        if (sym.owner === null) {
          this.emit(Op.Global, e.pos, sym.slot);
          return { k: 'ptr', type: sym.type };
        }
        const slot = this.slotFor(sym, this.fnc);
        return sym.boxed
          ? { k: 'box', slot, type: sym.type }
          : { k: 'local', slot, type: sym.type };
      }
      case 'selector': {
        const pkg = this.pkgOf(e.x);
        if (pkg)
          fail(
            e.pos,
            `cannot assign to ${exprString(e)} (neither addressable nor a map index expression)`,
          );
        const base = this.peekType(e.x);
        const found = this.lookupField(base, e.sel);
        if (!found || found.kind !== 'field') {
          if (found?.kind === 'method')
            fail(
              e.pos,
              `cannot assign to ${exprString(e)} (neither addressable nor a map index expression)`,
            );
          fail(e.selPos, `${exprString(e)} undefined (${this.noSuchSelector(base, e.sel)})`);
        }
        // x.f = v needs x addressable, or a pointer: not a map's element (a copy), not a result
        // (a field promoted through an embedded pointer is reached through that pointer)
        if (under(base).k !== 'ptr' && !throughPointer(found.path) && !this.addressable(e.x)) {
          let x = e.x;
          while (x.k === 'paren') x = x.x;
          if (x.k === 'index' && under(this.peekType(x.x)).k === 'map')
            fail(e.pos, `cannot assign to struct field ${exprString(e)} in map`);
          fail(
            e.pos,
            `cannot assign to ${exprString(e)} (neither addressable nor a map index expression)`,
          );
        }
        this.structRef(e.x, found.path, e.pos, true);
        const ft = found.type;
        if (isStructLike(ft)) {
          this.emit(Op.FieldS, e.pos, found.index);
          return { k: 'struct', type: ft };
        }
        return {
          k: 'field',
          idx: found.index,
          type: ft,
          name: e.sel,
          priv: this.privateRoot(e.x) && !throughPointer(found.path),
        };
      }
      case 'index': {
        const xt = this.peekType(e.x);
        const u = under(xt);
        if (u.k === 'map') {
          this.expr(e.x);
          this.convert(this.expr(e.index, u.key), u.key, e.index, 'map index');
          this.mapKey(u.key, e.index.pos);
          return { k: 'map', type: u.elem, keyType: u.key, name: this.placeName(e.x) };
        }
        if (u.k === 'slice') {
          this.expr(e.x);
          this.intIndex(e.index);
          if (isStructLike(u.elem)) {
            this.emitVisible(Op.Index, e.pos, 'read slice element');
            return { k: 'struct', type: u.elem };
          }
          return { k: 'index', type: u.elem };
        }
        if (u.k === 'array' || (u.k === 'ptr' && under(u.elem).k === 'array')) {
          if (u.k === 'array' && !this.addressable(e.x))
            fail(
              e.pos,
              `cannot assign to ${exprString(e)} (neither addressable nor a map index expression)`,
            );
          this.expr(e.x);
          const elem = this.arrayView(xt, e.pos, e.index) as Type;
          this.intIndex(e.index);
          if (isStructLike(elem)) {
            this.emitVisible(Op.Index, e.pos, 'read array element');
            return { k: 'struct', type: elem };
          }
          return { k: 'index', type: elem };
        }
        if (isString(xt))
          fail(
            e.pos,
            `cannot assign to ${exprString(e)} (neither addressable nor a map index expression)`,
          );
        fail(
          e.pos,
          `invalid operation: cannot index ${exprString(e.x)} (variable of type ${typeString(xt)})`,
        );
      }
      // falls through (fail throws)
      case 'unary':
        if (e.op === '*') {
          const op = this.expr(e.x);
          const u = under(op.type);
          if (u.k !== 'ptr')
            fail(e.pos, `invalid operation: cannot indirect ${this.describe(e.x, op)}`);
          return isStructLike(u.elem) ? { k: 'struct', type: u.elem } : { k: 'ptr', type: u.elem };
        }
    }
    const op = this.peekOperand(e);
    if (op.mapIndex) fail(e.pos, `cannot assign to struct field ${exprString(e)} in map`);
    fail(
      e.pos,
      `cannot assign to ${exprString(e)} (neither addressable nor a map index expression)`,
    );
  }

  private peekOperand(e: Expr): Operand {
    // Compile for the type only, then take the code back. Errors surface when the
    // expression is compiled for real.
    const f = this.fnc;
    const saved = f.code.length;
    const savedStep = f.pendingStep;
    const savedVisible = f.visible;
    const savedClosures = f.closures;
    const savedFuncs = this.funcs.length;
    const savedUsed = f.locals.map((v) => v.used);
    // (what a function literal in e reports, it reports again when compiled for real)
    const savedErrors = this.deferredErrors.length;
    const savedVet = this.vet.length;
    this.peeking++;
    try {
      return this.expr(e);
    } catch (err) {
      // an undefined name is an error wherever it appears: report it, not what follows from it
      if (err instanceof CompileError && !err.diagnostic.msg.startsWith('undefined:'))
        return { mode: 'value', type: T.int };
      throw err;
    } finally {
      f.code.length = saved;
      f.pendingStep = savedStep;
      f.visible = savedVisible;
      // slots allocated meanwhile (temporaries, captured cells) are kept: captures are
      // remembered by slot, and an unused slot costs nothing
      f.locals.forEach((v, i) => (v.used = savedUsed[i] ?? v.used));
      f.closures = savedClosures;
      this.funcs.length = savedFuncs;
      // wrappers made meanwhile went with the functions taken back: made again when needed
      // (a library function as a value, first met in a peek, kept the id of a function
      // reserved after it, and called that)
      for (const [key, id] of this.trampolines) if (id >= savedFuncs) this.trampolines.delete(key);
      this.spread = false;
      this.deferredErrors.length = savedErrors;
      this.vet.length = savedVet;
      // (instances met in the peek get their functions now, after those taken back)
      if (--this.peeking === 0) {
        const pending = this.pendingInsts;
        this.pendingInsts = [];
        for (const reserve of pending) reserve();
      }
    }
  }

  /** A short name for the UI: `s.jobs` -> `jobs`, `m` -> `m`. */
  private placeName(e: Expr): string {
    if (e.k === 'ident') return e.name;
    if (e.k === 'selector') return e.sel;
    if (e.k === 'paren') return this.placeName(e.x);
    if (e.k === 'unary') return this.placeName(e.x);
    return exprString(e);
  }

  private storeLV(lv: LValue, pos: Pos): void {
    switch (lv.k) {
      case 'local':
        this.emit(Op.Store, pos, lv.slot);
        return;
      case 'box':
        this.emitVisible(
          Op.StoreBox,
          pos,
          `write ${this.fnc.localNames[lv.slot] ?? 'variable'}`,
          lv.slot,
        );
        return;
      case 'ptr':
        this.emitVisible(Op.StoreP, pos, 'write through pointer');
        return;
      case 'field':
        if (lv.priv) this.emit(Op.StoreF, pos, lv.idx, 1, lv.name);
        else this.emitVisible(Op.StoreF, pos, `write field ${lv.name}`, lv.idx, 0, lv.name);
        return;
      case 'struct':
        this.emitVisible(Op.CopyInto, pos, 'write struct');
        return;
      case 'map':
        this.mapWrite(pos, 0, lv.name);
        return;
      case 'index':
        this.emitVisible(Op.SetIndex, pos, 'write slice element');
        return;
      case 'blank':
        this.emit(Op.Pop, pos);
        return;
    }
  }

  private loadLV(lv: LValue, pos: Pos): void {
    switch (lv.k) {
      case 'local':
        this.emit(Op.Load, pos, lv.slot);
        return;
      case 'box':
        this.emitVisible(
          Op.LoadBox,
          pos,
          `read ${this.fnc.localNames[lv.slot] ?? 'variable'}`,
          lv.slot,
        );
        return;
      case 'ptr':
        this.emitVisible(Op.LoadP, pos, 'read through pointer');
        return;
      case 'field':
        if (lv.priv) this.emit(Op.LoadF, pos, lv.idx, 1, lv.name);
        else this.emitVisible(Op.LoadF, pos, `read field ${lv.name}`, lv.idx, 0, lv.name);
        return;
      case 'struct':
        return;
      case 'map':
        this.emitVisible(Op.MapGet, pos, 'map read', 0, 0, { zero: lv.type, name: lv.name });
        return;
      case 'index':
        this.emitVisible(Op.Index, pos, 'read slice element');
        return;
      case 'blank':
        return;
    }
  }

  /**
   * A map write or delete, as the runtime really does it: check the writing flag, set it
   * (XOR), change the buckets, check the flag again and clear it. kind: 0 write, 1 delete,
   * 2 clear. Stack before: map, key[, value].
   */
  private mapWrite(pos: Pos, kind: 0 | 1 | 2, name: string): void {
    const what = kind === 0 ? 'map write' : kind === 1 ? 'delete' : 'clear';
    const info = { kind, name, end: 0 };
    this.emitVisible(Op.MapW, pos, `${what}: check writing flag`, 0, kind, info);
    this.emitVisible(Op.MapW, pos, `${what}: set writing flag`, 1, kind, info);
    this.emitVisible(
      Op.MapW,
      pos,
      kind === 0 ? `${what}: write entry` : `${what}: remove entry`,
      2,
      kind,
      info,
    );
    this.emitVisible(Op.MapW, pos, `${what}: check and clear writing flag`, 3, kind, info);
    info.end = this.here();
  }

  // ---- control flow --------------------------------------------------------------------

  private cond(e: Expr, what: string): void {
    const op = this.expr(e);
    if (!isBoolean(op.type)) fail(e.pos, `non-boolean condition in ${what}`);
  }

  private ifStmt(s: Stmt & { k: 'if' }): void {
    const saved = this.scope;
    this.scope = new Scope(saved);
    if (s.init) {
      this.stmt(s.init);
      this.beginStep();
    }
    this.cond(s.cond, 'if statement');
    const jf = this.emit(Op.JmpF, s.cond.pos);
    this.block(s.then);
    if (s.else) {
      this.beginStep();
      const jend = this.emit(Op.Jmp, s.then.end);
      // the jump over the else branch belongs to the then-branch's last step
      jend.st = false;
      this.patch(jf, this.here());
      this.stmt(s.else);
      this.patch(jend, this.here());
    } else this.patch(jf, this.here());
    this.fnc.pendingStep = true;
    this.scope = saved;
  }

  private loop(label: string | null, isSwitch = false): LoopCtx {
    const l: LoopCtx = { label, breaks: [], continues: [], isSwitch };
    this.fnc.loops.push(l);
    return l;
  }

  private endLoop(l: LoopCtx, continueAt: number, breakAt: number): void {
    for (const j of l.continues) this.patch(j, continueAt);
    for (const j of l.breaks) this.patch(j, breakAt);
    this.fnc.loops.pop();
    this.fnc.pendingStep = true;
  }

  private forStmt(s: Stmt & { k: 'for' }, label: string | null): void {
    const saved = this.scope;
    this.scope = new Scope(saved);
    if (s.init) this.stmt(s.init);
    // Go 1.22: variables declared by the init statement are per-iteration.
    const loopVars = [...this.scope.syms.values()].filter(
      (v): v is VarSym => v.k === 'var' && v.boxed,
    );
    this.beginStep();
    const top = this.here();
    let jf: Instr | null = null;
    if (s.cond) {
      this.cond(s.cond, 'for loop');
      jf = this.emit(Op.JmpF, s.cond.pos);
    }
    const l = this.loop(label);
    this.block(s.body);
    this.beginStep();
    const cont = this.here();
    for (const v of loopVars) this.emit(Op.Rebox, s.pos, v.slot);
    if (s.post) {
      if (loopVars.length > 0) this.fnc.pendingStep = false;
      this.stmt(s.post);
    }
    const back = this.emit(Op.Jmp, s.pos, top);
    // An empty loop still takes a step per turn, so `for {}` can never freeze a tab.
    if (this.here() - 1 === top) back.st = true;
    const end = this.here();
    if (jf) this.patch(jf, end);
    this.endLoop(l, cont, end);
    this.scope = saved;
  }

  private rangeStmt(s: Stmt & { k: 'range' }, label: string | null): void {
    const saved = this.scope;
    this.scope = new Scope(saved);
    // for k := range maps.Keys(m), v := range maps.Values(m), k, v := range maps.All(m): the
    // iterator ranges over m, as the maps package's does, so the loop ranges over m
    const seq = this.mapsSeq(s.x);
    if (seq && seq.of !== 'All') {
      if (s.value)
        fail(
          s.value.pos,
          `range over ${exprString(s.x)} (value of type iter.Seq[${typeString(seq.of === 'Keys' ? seq.type.key : seq.type.elem)}]) permits only one iteration variable`,
        );
      s = seq.of === 'Keys' ? { ...s, x: seq.m } : { ...s, x: seq.m, key: null, value: s.key };
    } else if (seq) s = { ...s, x: seq.m };
    const xop = this.expr(s.x);
    const pos = s.pos;
    // an array is ranged over as a slice of its elements: of a copy, when the loop reads them
    // (Go evaluates the range expression, an array value, once)
    if (under(xop.type).k === 'array' && s.value) this.emit(Op.Copy, pos);
    const ae = this.arrayView(xop.type, pos);
    const xt: Type = ae ? { k: 'slice', elem: ae } : xop.type;
    const u = under(xt);
    const hidden = (t: Type | null) => this.fnc.newLocal(null, t);
    let top: number;
    let exit: Instr;
    let keyType: Type;
    let valType: Type | null;
    let cont: () => void;
    if (u.k === 'map') {
      ({ top, exit } = this.mapRange(s.x, xt, u, pos, true));
      keyType = u.key;
      valType = u.elem;
      cont = () => undefined;
    } else if (u.k === 'slice' || isString(xt)) {
      const str = isString(xt);
      const sl = hidden(xt);
      const idx = hidden(T.int);
      const len = hidden(T.int);
      this.emit(Op.Store, pos, sl);
      this.emit(Op.Push, pos, 0, 0, 0);
      this.emit(Op.Store, pos, idx);
      if (!str) {
        this.emit(Op.Load, pos, sl);
        this.emit(Op.Len, pos);
        this.emit(Op.Store, pos, len);
      }
      this.beginStep();
      top = this.here();
      if (str) {
        exit = this.emit(Op.RangeStrNext, pos, sl, 0, null, 'range: next rune');
        keyType = T.int;
        valType = T.int32;
      } else {
        this.emit(Op.Load, pos, idx, 0, null, 'range: next element');
        this.emit(Op.Load, pos, len);
        this.emit(Op.Bin, pos, BinOp.Lt, 0, { kind: 'int', type: T.int });
        exit = this.emit(Op.JmpF, pos);
        this.emit(Op.Load, pos, idx);
        if (s.value) {
          this.emit(Op.Load, pos, sl);
          this.emit(Op.Load, pos, idx);
          this.emitVisible(Op.Index, pos, 'range: read element');
        }
        keyType = T.int;
        valType = (u as { elem: Type }).elem;
      }
      cont = () => {
        if (str) return;
        this.emit(Op.Load, pos, idx);
        this.emit(Op.Push, pos, 0, 0, 1);
        this.emit(Op.Bin, pos, BinOp.Add, 0, { kind: 'int', type: T.int });
        this.emit(Op.Store, pos, idx);
      };
      if (str && !s.value) {
        // RangeStrNext pushes index and rune; drop the rune
        this.emit(Op.Pop, pos);
      }
    } else if (isInteger(xt)) {
      if (s.value)
        fail(
          s.value.pos,
          `range over ${this.describe(s.x, xop)} permits only one iteration variable`,
        );
      const n = hidden(T.int);
      const idx = hidden(T.int);
      this.emit(Op.Store, pos, n);
      this.emit(Op.Push, pos, 0, 0, 0);
      this.emit(Op.Store, pos, idx);
      this.beginStep();
      top = this.here();
      this.emit(Op.Load, pos, idx, 0, null, 'range: next number');
      this.emit(Op.Load, pos, n);
      this.emit(Op.Bin, pos, BinOp.Lt, 0, { kind: 'int', type: T.int });
      exit = this.emit(Op.JmpF, pos);
      this.emit(Op.Load, pos, idx);
      keyType = isUntyped(xt) ? T.int : xt;
      valType = null;
      cont = () => {
        this.emit(Op.Load, pos, idx);
        this.emit(Op.Push, pos, 0, 0, 1);
        this.emit(Op.Bin, pos, BinOp.Add, 0, { kind: 'int', type: T.int });
        this.emit(Op.Store, pos, idx);
      };
    } else if (u.k === 'chan') {
      // receive until the channel is closed and drained: v, ok := <-ch; if !ok, leave
      if (u.dir === 'send')
        fail(
          s.x.pos,
          `cannot range over ${this.describe(s.x, xop)}: receive from send-only channel`,
        );
      if (s.value)
        fail(
          s.value.pos,
          `range over ${this.describe(s.x, xop)} permits only one iteration variable`,
        );
      const c = hidden(xt);
      this.emit(Op.Store, pos, c);
      this.beginStep();
      top = this.here();
      this.emit(Op.Load, pos, c);
      this.emitVisible(Op.Native, pos, 'range: receive', 1, 2, {
        name: 'chan.recv',
        place: this.placeName(s.x),
        zero: u.elem,
      });
      exit = this.emit(Op.JmpF, pos);
      keyType = u.elem;
      valType = null;
      cont = () => undefined;
    } else if (u.k === 'func') {
      unsupported(s.x.pos, 'range over functions (iterators)');
    } else fail(s.x.pos, `cannot range over ${this.describe(s.x, xop)}`);
    // stack now: key[, value] (map: both; slice: index[, element])
    const hasValue = u.k === 'map' || (s.value !== null && valType !== null);
    this.bindRangeVars(s, keyType, hasValue ? valType : null, u.k === 'map');
    const l = this.loop(label);
    this.block(s.body);
    this.beginStep();
    const contAt = this.here();
    cont();
    const back = this.emit(Op.Jmp, pos, top);
    back.st = false;
    const exitTo = this.here();
    // (a channel's loop leaves with the zero value its closed channel gave on the stack)
    if (u.k === 'chan') this.emit(Op.Pop, pos);
    const end = this.here();
    if (exit.op === Op.RangeMapNext || exit.op === Op.RangeStrNext) exit.b = exitTo;
    else this.patch(exit, exitTo);
    this.endLoop(l, contAt, end);
    this.scope = saved;
  }

  /** Assign or declare the iteration variables from the key (and value) on the stack. */
  private bindRangeVars(
    s: Stmt & { k: 'range' },
    keyType: Type,
    valType: Type | null,
    mapRange: boolean,
  ): void {
    const pos = s.pos;
    const targets: [Expr | null, Type][] = [[s.key, keyType]];
    if (valType) targets.push([s.value, valType]);
    // values are on the stack key-first; bind the last first
    for (let i = targets.length - 1; i >= 0; i--) {
      const [e, t] = targets[i] as [Expr | null, Type];
      if (!e || (e.k === 'ident' && e.name === '_')) {
        this.emit(Op.Pop, pos);
        continue;
      }
      if (s.define) {
        if (e.k !== 'ident') fail(e.pos, `non-name ${exprString(e)} on left side of :=`);
        if (isStructLike(t)) {
          this.emit(Op.Copy, pos);
          const path = lockPath(t);
          if (path && i > 0)
            this.vet.push({
              pos: e.pos,
              msg: `range var ${e.name} copies lock: ${path}`,
              kind: 'vet',
            });
        }
        this.declareFromStack(e, t, pos);
      } else {
        const tmp = this.fnc.newLocal(null, t);
        this.emit(Op.Store, pos, tmp);
        this.assignFromSlot(e, t, tmp, pos, 'range');
      }
    }
    void mapRange;
  }

  /** Declare e (a name) as a new variable of type t holding the value on the stack. */
  private declareFromStack(e: Expr & { k: 'ident' }, t: Type, pos: Pos): void {
    const sym = this.newVar({ name: e.name, pos: e.pos }, t, false);
    this.initVar(sym, pos);
    this.scope.syms.set(e.name, sym);
  }

  /** Assign to e the value in hidden local `slot` (of type t), as an assignment in `context`. */
  private assignFromSlot(e: Expr, t: Type, slot: number, pos: Pos, context: string): void {
    const lv = this.lvalue(e);
    this.emit(Op.Load, pos, slot);
    if (lv.k !== 'blank') {
      this.convert({ mode: 'value', type: t }, lv.type, e, context, lv.k !== 'struct');
      this.storeLV(lv, pos);
    } else this.emit(Op.Pop, pos);
  }

  /**
   * `switch v := x.(type)`: x once, into a hidden local; each case tests its types in order
   * (an assertion that only answers, or x == nil), and a case with one type binds v to x as
   * that type (else to x itself). v unused in every clause is gc's "declared and not used".
   */
  private typeSwitchStmt(s: Stmt & { k: 'switch' }, g: TypeGuard, label: string | null): void {
    const saved = this.scope;
    this.scope = new Scope(saved);
    if (s.init) {
      this.stmt(s.init);
      this.beginStep();
    }
    const xop = this.expr(g.x);
    const iface = xop.type;
    if (!isInterface(iface))
      fail(g.x.pos, `${exprString(g.x)} (${this.describeMode(g.x, xop)}) is not an interface`);
    const tmp = this.fnc.newLocal(null, iface);
    this.emit(Op.Store, g.x.pos, tmp);
    const caseTypes = new Map<CaseClause, (Type | null)[]>();
    const bound: VarSym[] = [];
    const test = (c: CaseClause, jumps: Instr[]) => {
      const ts: (Type | null)[] = [];
      for (const te of c.types ?? []) {
        this.emit(Op.Load, c.pos, tmp);
        const t = te === null ? null : this.resolveType(te);
        if (te === null || t === null) this.emit(Op.IsNil, c.pos);
        else {
          const why = isInterface(t) ? '' : this.implements(t, iface);
          if (why)
            fail(
              te.pos,
              `impossible type switch case: ${typeString(t)}\n\t${exprString(g.x)} (${this.describeMode(g.x, xop)}) cannot have dynamic type ${typeString(t)} ${why}`,
            );
          // (Assert with a = 2 only answers whether x holds a t)
          this.emit(Op.Assert, te.pos, 2, 0, { t, iface });
        }
        ts.push(t);
        jumps.push(this.emit(Op.JmpT, c.pos));
      }
      caseTypes.set(c, ts);
    };
    const enter = (c: CaseClause) => {
      const last = c.body[c.body.length - 1];
      if (last?.k === 'fallthrough') fail(last.pos, 'cannot fallthrough in type switch');
      if (!g.bind || g.bind.name === '_') return;
      const ts = caseTypes.get(c) ?? [];
      const one = ts.length === 1 ? ts[0] : null;
      const sym = this.newVar(g.bind, one ?? iface);
      this.emit(Op.Load, g.bind.pos, tmp);
      if (one) this.emit(Op.Assert, g.bind.pos, 0, 0, { t: one, iface });
      this.initVar(sym, g.bind.pos);
      bound.push(sym);
    };
    this.switchCases(s, label, test, enter);
    this.scope = saved;
    // v counts as used if any clause uses it
    const used = bound.some((v) => v.used);
    for (const v of bound) v.used = true;
    if (g.bind && g.bind.name !== '_' && !used)
      this.deferredErrors.push({
        pos: g.bind.pos,
        msg: `declared and not used: ${g.bind.name}`,
        kind: 'type',
      });
  }

  private switchStmt(s: Stmt & { k: 'switch' }, label: string | null): void {
    if (s.guard) return this.typeSwitchStmt(s, s.guard, label);
    const saved = this.scope;
    this.scope = new Scope(saved);
    if (s.init) {
      this.stmt(s.init);
      this.beginStep();
    }
    let tagType: Type = T.bool;
    let tag = -1;
    if (s.tag) {
      const op = this.expr(s.tag);
      if (op.mode === 'void') fail(s.tag.pos, `${exprString(s.tag)} (no value) used as value`);
      tagType = defaultType(op.type);
      this.convert(op, tagType, s.tag, 'switch');
      tag = this.fnc.newLocal(null, tagType);
      this.emit(Op.Store, s.tag.pos, tag);
    }
    // constant cases seen so far, by value: types2 refuses the same constant twice (not bools)
    const seen = new Map<ConstValue, Pos>();
    const test = (c: CaseClause, jumps: Instr[]) => {
      for (const e of c.exprs ?? []) {
        if (tag >= 0) {
          this.emit(Op.Load, e.pos, tag);
          const op = this.expr(e, tagType);
          const tagOp: Operand = { mode: 'value', type: tagType };
          // types2 compares the case against the tag (its message names the case's type first):
          // checked in that order, with the code it makes taken back, then compiled tag first
          const f = this.fnc;
          const saved = { code: f.code.length, step: f.pendingStep, visible: f.visible };
          try {
            this.binaryOn('==', op, tagOp, e, s.tag as Expr, e.pos);
          } catch (err) {
            // types2 words a comparison that fails in a case as the case's own error
            const why =
              err instanceof CompileError
                ? /^invalid operation: .* \((.*)\)$/.exec(err.message)
                : null;
            if (!why) throw err;
            fail(
              e.pos,
              `invalid case ${exprString(e)} in switch on ${exprString(s.tag as Expr)} (${why[1]})`,
            );
          } finally {
            f.code.length = saved.code;
            f.pendingStep = saved.step;
            f.visible = saved.visible;
          }
          this.binaryOn('==', tagOp, op, s.tag as Expr, e, e.pos);
          if (op.mode === 'const' && op.value !== undefined && typeof op.value !== 'boolean') {
            const prev = seen.get(op.value);
            if (prev) {
              const v = typeof op.value === 'string' ? JSON.stringify(op.value) : String(op.value);
              const shown = exprString(e) === v ? '' : ` ${v}`;
              fail(
                e.pos,
                `duplicate case ${exprString(e)} (constant${shown} of type ${typeString(tagType)}) in expression switch\n\t${prev.line}:${prev.col}: previous case`,
              );
            }
            seen.set(op.value, e.pos);
          }
        } else this.cond(e, 'case');
        jumps.push(this.emit(Op.JmpT, e.pos));
      }
    };
    this.switchCases(s, label, test, () => undefined);
    this.scope = saved;
  }

  /**
   * What expression and type switches share: each case's tests (`test` emits them, each with
   * its jump to the body), the jump to default (or past the end), then each body in its own
   * scope (`enter` runs first there), with fallthrough to the next body.
   */
  private switchCases(
    s: Stmt & { k: 'switch' },
    label: string | null,
    test: (c: CaseClause, jumps: Instr[]) => void,
    enter: (c: CaseClause, i: number) => void,
  ): void {
    const bodyJumps: Instr[][] = [];
    let defaultIdx = -1;
    s.cases.forEach((c, i) => {
      const jumps: Instr[] = [];
      bodyJumps.push(jumps);
      if (!c.exprs) {
        if (defaultIdx >= 0) fail(c.pos, 'multiple defaults in switch');
        defaultIdx = i;
        return;
      }
      test(c, jumps);
    });
    const toDefault = this.emit(Op.Jmp, s.pos);
    const l = this.loop(label, true);
    const ends: Instr[] = [];
    const starts: number[] = [];
    const fallJumps: [Instr, number][] = [];
    s.cases.forEach((c, i) => {
      starts[i] = this.here();
      this.fnc.pendingStep = true;
      const saved2 = this.scope;
      this.scope = new Scope(saved2);
      enter(c, i);
      const body = [...c.body];
      const last = body[body.length - 1];
      const falls = last?.k === 'fallthrough';
      if (falls) {
        body.pop();
        if (i === s.cases.length - 1) fail(last.pos, 'cannot fallthrough final case in switch');
      }
      this.stmts(body);
      this.scope = saved2;
      const j = this.emit(Op.Jmp, s.end);
      j.st = false;
      if (falls) fallJumps.push([j, i + 1]);
      else ends.push(j);
    });
    const end = this.here();
    s.cases.forEach((_c, i) => bodyJumps[i]?.forEach((j) => this.patch(j, starts[i] as number)));
    this.patch(toDefault, defaultIdx >= 0 ? (starts[defaultIdx] as number) : end);
    for (const j of ends) this.patch(j, end);
    for (const [j, next] of fallJumps) this.patch(j, starts[next] as number);
    this.endLoop(l, end, end);
  }

  private branch(tok: 'break' | 'continue' | 'goto', label: Ident | null, pos: Pos): void {
    const loops = this.fnc.loops;
    for (let i = loops.length - 1; i >= 0; i--) {
      const l = loops[i] as LoopCtx;
      if (label && l.label !== label.name) continue;
      if (tok === 'continue' && l.isSwitch) {
        if (label) fail(pos, `invalid continue label ${label.name}`);
        continue;
      }
      const j = this.emit(Op.Jmp, pos);
      (tok === 'break' ? l.breaks : l.continues).push(j);
      if (label) {
        const def = this.labels.findLast((d) => d.name === label.name);
        if (def) def.used = true;
      }
      return;
    }
    if (label) fail(label.pos, `invalid ${tok} label ${label.name}`);
    fail(pos, `${tok} is not in a loop${tok === 'break' ? ', switch, or select' : ''}`);
  }

  private returnStmt(results: readonly Expr[], pos: Pos): void {
    const want = this.fnc.type.results;
    const named = this.fnc.namedResults;
    if (results.length === 0) {
      if (want.length > 0 && !named)
        fail(
          pos,
          `not enough return values\n\thave ()\n\twant (${want.map((t) => typeString(t)).join(', ')})`,
        );
      this.emit(Op.Ret, pos, 0, named ? 1 : 0);
      return;
    }
    let n = results.length;
    if (results.length === 1 && want.length > 1) {
      const e = results[0] as Expr;
      const op = this.expr(e);
      if (op.mode !== 'tuple' || op.type.k !== 'tuple')
        fail(
          e.pos,
          `not enough return values\n\thave (${summaryType(op)})\n\twant (${want.map((t) => typeString(t)).join(', ')})`,
        );
      const got = op.type.types;
      if (got.length !== want.length)
        fail(
          e.pos,
          `${got.length < want.length ? 'not enough' : 'too many'} return values\n\thave (${got.map((t) => typeString(t)).join(', ')})\n\twant (${want.map((t) => typeString(t)).join(', ')})`,
        );
      const tmps = got.map((t) => this.fnc.newLocal(null, t));
      for (let i = got.length - 1; i >= 0; i--) this.emit(Op.Store, pos, tmps[i] as number);
      got.forEach((t, i) => {
        this.emit(Op.Load, pos, tmps[i] as number);
        this.convert({ mode: 'value', type: t }, want[i] as Type, e, 'return statement');
      });
      n = got.length;
    } else {
      if (results.length !== want.length) {
        const have = results.map((r) => summaryType(this.peekOperand(r)));
        fail(
          results[0]?.pos ?? pos,
          `${results.length < want.length ? 'not enough' : 'too many'} return values\n\thave (${have.join(', ')})\n\twant (${want.map((t) => typeString(t)).join(', ')})`,
        );
      }
      results.forEach((r, i) => {
        const t = want[i] as Type;
        const op = this.expr(r, t);
        if (op.mode === 'void') fail(r.pos, `${exprString(r)} (no value) used as value`);
        this.convert(op, t, r, 'return statement');
      });
    }
    if (named) {
      for (let i = n - 1; i >= 0; i--) {
        const nr = named[i] as { slot: number; boxed: boolean };
        this.emit(nr.boxed ? Op.StoreBox : Op.Store, pos, nr.slot);
      }
      this.emit(Op.Ret, pos, 0, 1);
    } else this.emit(Op.Ret, pos, n, 0);
  }

  /** Is this statement list terminating (gc's "missing return" rule)? */
  private terminates(list: readonly Stmt[]): boolean {
    const last = list[list.length - 1];
    if (!last) return false;
    return this.terminating(last);
  }

  private terminating(s: Stmt): boolean {
    switch (s.k) {
      case 'return':
        return true;
      case 'select':
        return s.cases.every((c) => this.terminates(c.body) && !this.hasBreak(c.body, null, true));
      case 'expr': {
        const x = s.x;
        return (
          (x.k === 'call' &&
            x.fun.k === 'ident' &&
            x.fun.name === 'panic' &&
            this.scope.lookup('panic')?.k === 'builtin') ||
          (x.k === 'call' &&
            x.fun.k === 'selector' &&
            x.fun.x.k === 'ident' &&
            x.fun.x.name === 'os' &&
            x.fun.sel === 'Exit')
        );
      }
      case 'block':
        return this.terminates(s.block.stmts);
      case 'if':
        return !!s.else && this.terminates(s.then.stmts) && this.terminating(s.else);
      case 'for':
        return s.cond === null && !this.hasBreak(s.body.stmts, null, true);
      case 'labeled':
        return (
          !!s.stmt &&
          this.terminating(s.stmt) &&
          !(s.stmt.k === 'for' && this.hasBreak(s.stmt.body.stmts, s.label.name, true))
        );
      case 'switch':
        return (
          s.cases.some((c) => c.exprs === null) &&
          s.cases.every((c) => {
            const last = c.body[c.body.length - 1];
            return (
              (!!last && last.k === 'fallthrough') ||
              (this.terminates(c.body) && !this.hasBreak(c.body, null, true))
            );
          })
        );
      default:
        return false;
    }
  }

  private hasBreak(list: readonly Stmt[], label: string | null, top: boolean): boolean {
    for (const s of list) {
      if (
        s.k === 'branch' &&
        s.tok === 'break' &&
        ((top && !s.label) || (label && s.label?.name === label))
      )
        return true;
      const inner: Stmt[] = [];
      if (s.k === 'block') inner.push(...s.block.stmts);
      if (s.k === 'if') {
        inner.push(...s.then.stmts);
        if (s.else) inner.push(s.else);
      }
      if (s.k === 'labeled' && s.stmt) inner.push(s.stmt);
      if (inner.length > 0 && this.hasBreak(inner, label, top)) return true;
      // breaks inside nested loops and switches belong to them, unless labelled for us
      if ((s.k === 'for' || s.k === 'range') && label && this.hasBreak(s.body.stmts, label, false))
        return true;
      if (
        (s.k === 'switch' || s.k === 'select') &&
        label &&
        s.cases.some((c) => this.hasBreak(c.body, label, false))
      )
        return true;
    }
    return false;
  }

  // ---- go and defer --------------------------------------------------------------------

  private goDefer(x: Expr, kind: 'go' | 'defer', pos: Pos): void {
    let e = x;
    while (e.k === 'paren') e = e.x;
    if (e.k !== 'call') fail(x.pos, `expression in ${kind} must be function call`);
    const op = kind === 'go' ? Op.Go : Op.Defer;
    const fun = e.fun.k === 'paren' ? e.fun.x : e.fun;
    if (fun.k === 'ident') {
      const sym = this.scope.lookup(fun.name);
      if (sym?.k === 'builtin') {
        // (a classic mistake: it recovers nothing, as in Go)
        if (fun.name === 'recover' && e.args.length === 0) {
          const nop = this.trampoline('builtin.recover.deferred', 0, 0, fn([], []));
          this.emit(op, pos, 0, 0, { fn: nop });
          return;
        }
        if (
          fun.name === 'panic' ||
          fun.name === 'recover' ||
          fun.name === 'print' ||
          fun.name === 'println'
        )
          unsupported(pos, `${kind} of the built-in ${fun.name}; wrap it in a function literal`);
        fail(pos, `${kind} discards result of ${exprString(e)}`);
      }
      if (sym?.k === 'type') fail(pos, `${kind} requires function call, not conversion`);
    }
    if (fun.k === 'typeexpr') fail(pos, `${kind} requires function call, not conversion`);
    const sig = this.calleeValue(fun, e);
    const nargs = this.pushArgs(e, sig.type, sig.name, sig.native);
    const callee = sig.native
      ? this.trampolineFor(sig.native, sig.type, nargs + (sig.recv ? 1 : 0))
      : -1;
    if (callee >= 0) {
      // library call: the receiver (if any) was pushed first; bind it into the wrapper
      this.emit(op, pos, 0, nargs + (sig.recv ? 1 : 0), { fn: callee });
      return;
    }
    this.emit(op, pos, 0, nargs);
  }

  private trampolineFor(nativeName: string, type: FuncType, nargs: number): number {
    return this.trampoline(nativeName, nargs, type.results.length, type);
  }

  /**
   * Push the function value a call would invoke (for go/defer), or, for library calls, the
   * receiver only; return its signature.
   */
  private calleeValue(
    fun: Expr,
    call: Expr & { k: 'call' },
  ): { type: FuncType; name: string; native: string | null; recv: boolean } {
    const gf = this.genericFunc(fun);
    if (gf) {
      const inst = this.inferCall(call, gf.g, this.typeArgs(gf.g, gf.targs, fun.pos));
      this.emit(Op.Push, fun.pos, 0, 0, { fn: inst.id });
      return { type: inst.type, name: gf.name, native: null, recv: false };
    }
    if (fun.k === 'selector') {
      const pkg = this.pkgOf(fun.x);
      if (pkg) {
        const m = this.member(pkg.path, fun.sel, fun.selPos);
        if (m.k === 'generic')
          return {
            type: this.instantiate(m, call, fun),
            name: exprString(fun),
            native: m.native,
            recv: false,
          };
        if (m.k !== 'func')
          fail(fun.pos, `invalid operation: cannot call non-function ${exprString(fun)}`);
        return { type: m.type, name: exprString(fun), native: m.native, recv: false };
      }
      const xt = this.peekType(fun.x);
      const found = this.lookupField(xt, fun.sel);
      if (found?.kind === 'method') {
        this.receiver(fun, found);
        if (found.method.native)
          return {
            type: found.method.sig,
            name: exprString(fun),
            native: found.method.native,
            recv: true,
          };
        this.emit(Op.MethodVal, fun.pos, found.method.fn);
        return { type: found.method.sig, name: exprString(fun), native: null, recv: false };
      }
      if (found?.kind === 'imethod') {
        this.expr(fun.x);
        this.emit(Op.IfaceMethodVal, fun.pos, 0, 0, fun.sel);
        return { type: found.sig, name: exprString(fun), native: null, recv: false };
      }
    }
    const op = this.expr(fun);
    const u = under(op.type);
    if (u.k !== 'func')
      fail(call.pos, `invalid operation: cannot call non-function ${this.describe(fun, op)}`);
    return { type: u, name: exprString(fun), native: null, recv: false };
  }

  // ---- expressions ---------------------------------------------------------------------

  private expr(e: Expr, hint?: Type): Operand {
    const c = this.constValue(e);
    if (c) {
      let type = c.type;
      let value = c.value;
      if (hint && isUntyped(type) && !isInterface(hint) && this.representable(value, type, hint)) {
        value = this.normalizeConst(value, hint);
      }
      if (isNum(value) && isInteger(type) && !isUntyped(type)) value = intConst(value);
      this.emit(Op.Push, e.pos, 0, 0, value);
      type = c.type;
      return { mode: 'const', type, value };
    }
    switch (e.k) {
      case 'ident':
        return this.ident(e);
      case 'composite':
        return this.composite(e, hint ?? null);
      case 'funclit':
        return this.funcLit(e);
      case 'paren':
        return this.expr(e.x, hint);
      case 'selector':
        return this.selector(e);
      case 'index':
      case 'inst': {
        const gf = this.genericFunc(e);
        if (gf) return this.genericValue(e, gf);
        if (e.k === 'index') return this.index(e);
        if (this.asType(e)) fail(e.pos, `${exprString(e)} (type) is not an expression`);
        fail(e.pos, `invalid operation: ${exprString(e.x)} is not a generic function`);
      }
      // falls through (fail throws)
      case 'slice':
        return this.sliceExpr(e);
      case 'call':
        return this.call(e, hint);
      case 'unary':
        return this.unary(e, hint);
      case 'binary':
        return this.binary(e, hint);
      case 'typeexpr':
        fail(e.pos, `${exprString(e)} (type) is not an expression`);
      // falls through (fail throws)
      case 'assert':
        return this.assertExpr(e);
      case 'int':
      case 'float':
      case 'string':
      case 'rune':
        throw new Error('internal: literal not constant');
    }
  }

  private ident(e: Expr & { k: 'ident' }): Operand {
    if (e.name === '_') fail(e.pos, 'cannot use _ as value');
    const sym = this.scope.lookup(e.name);
    if (!sym) fail(e.pos, `undefined: ${e.name}`);
    switch (sym.k) {
      case 'var':
        sym.used = true;
        this.loadVar(sym, e.pos);
        return { mode: 'value', type: sym.type, addressable: true };
      case 'func':
        this.emit(Op.Push, e.pos, 0, 0, { fn: sym.id });
        return { mode: 'value', type: sym.type };
      case 'type':
        fail(e.pos, `${e.name} (type) is not an expression`);
      // falls through (fail throws)
      case 'pkg':
        fail(e.pos, `use of package ${e.name} without selector`);
      // falls through (fail throws)
      case 'builtin':
        fail(e.pos, `${e.name} (built-in function) must be called`);
      // falls through (fail throws)
      case 'nil':
        this.emit(Op.Push, e.pos, 0, 0, null);
        return { mode: 'nil', type: T.untypedNil };
      case 'const':
        throw new Error('internal: const not folded');
      case 'gfunc':
        fail(e.pos, `cannot use generic function ${e.name} without instantiation`);
      // falls through (fail throws)
      case 'gtype':
        fail(
          e.pos,
          `cannot use generic type ${e.name}${tparamsString(sym.g.tparams)} without instantiation`,
        );
    }
  }

  /**
   * maps.Keys(m), maps.Values(m) or maps.All(m): the map and which iterator, or null if e is
   * none of these. Go's iterators range over m; Interleave runs them only where they are
   * ranged over (rangeStmt, collect), which is where their steps happen in Go too.
   */
  private mapsSeq(e: Expr): MapsSeq | null {
    if (e.k !== 'call' || e.fun.k !== 'selector') return null;
    const fun = e.fun;
    if (fun.sel !== 'Keys' && fun.sel !== 'Values' && fun.sel !== 'All') return null;
    if (this.pkgOf(fun.x)?.path !== 'maps') return null;
    const name = exprString(fun);
    const m = e.args[0];
    if (!m) fail(e.pos, `not enough arguments in call to ${name}\n\thave ()\n\twant (M)`);
    if (e.args.length > 1) fail((e.args[1] as Expr).pos, `too many arguments in call to ${name}`);
    const t = defaultType(this.peekType(m));
    const u = under(t);
    if (u.k !== 'map')
      fail(fun.selPos, `in call to ${name}, M (type ${typeString(t)}) does not satisfy ~map[K]V`);
    return { of: fun.sel, m, type: u };
  }

  /**
   * slices.Collect or slices.Sorted of maps.Keys(m) or maps.Values(m): a new slice (nil when m
   * is empty) of what a range over m gives, in its order, sorted for Sorted. The steps are a
   * range over m and an append per entry, as slices.AppendSeq's loop takes them.
   */
  private collect(e: Expr & { k: 'call' }, seq: MapsSeq, sorted: boolean): Operand {
    const name = sorted ? 'slices.Sorted' : 'slices.Collect';
    const mt = seq.type;
    if (seq.of === 'All')
      fail(
        (e.args[0] as Expr).pos,
        `in call to ${name}, type iter.Seq2[${typeString(mt.key)}, ${typeString(mt.elem)}] of ${exprString(e.args[0] as Expr)} does not match iter.Seq[E] (cannot infer E)`,
      );
    const elem = seq.of === 'Keys' ? mt.key : mt.elem;
    if (sorted && !isOrdered(elem))
      fail(e.pos, `in call to ${name}, E (type ${typeString(elem)}) does not satisfy cmp.Ordered`);
    const pos = e.pos;
    const sliceT: Type = { k: 'slice', elem };
    const r = this.fnc.newLocal(null, sliceT);
    const x = this.fnc.newLocal(null, elem);
    this.emit(Op.Zero, pos, 0, 0, sliceT);
    this.emit(Op.Store, pos, r);
    this.expr(seq.m);
    const { top, exit } = this.mapRange(seq.m, mt, mt, pos, false);
    // the key and the value are on the stack: keep the one collected
    if (seq.of === 'Keys') this.emit(Op.Pop, pos);
    this.emit(Op.Store, pos, x);
    if (seq.of === 'Values') this.emit(Op.Pop, pos);
    this.emit(Op.Load, pos, r);
    this.emit(Op.Load, pos, x);
    this.emitVisible(Op.Append, pos, 'append', 1);
    this.emit(Op.Store, pos, r);
    const back = this.emit(Op.Jmp, pos, top);
    back.st = false;
    exit.b = this.here();
    this.emit(Op.Load, pos, r);
    if (sorted) {
      this.emitNative('slices.Sort', 1, 0, pos, null);
      this.emit(Op.Load, pos, r);
    }
    return { mode: 'value', type: sliceT };
  }

  /**
   * A range over the map x (of type t, its underlying type u) that is on the stack: its hidden
   * locals, its start, and the step that takes the next entry, pushing its key and value or
   * leaving for `exit.b`; `top` is where each turn starts (a step of its own if `newStep`).
   */
  private mapRange(
    x: Expr,
    t: Type,
    u: Type & { k: 'map' },
    pos: Pos,
    newStep: boolean,
  ): { top: number; exit: Instr } {
    const base = this.fnc.newLocal(null, null);
    this.fnc.newLocal(null, T.int);
    this.fnc.newLocal(null, t);
    this.emit(Op.RangeMapInit, pos, base);
    if (newStep) this.beginStep();
    const top = this.here();
    const exit = this.emitVisible(Op.RangeMapNext, pos, 'range: next map entry', base, 0, {
      zero: u.elem,
      name: this.placeName(x),
      // a struct or array key is made again for the loop (see runtime/keys.ts)
      key: isComposite(u.key) ? u.key : null,
    });
    return { top, exit };
  }

  /**
   * sync.OnceFunc, OnceValue or OnceValues of f: Go's own code for them (sync/oncefunc.go,
   * ONCE_FUNCS below) compiled at the call, its T and U the results of f; its functions are
   * named as Go's and count as library code (left out of tracebacks, as wrappers are).
   */
  private onceCall(
    e: Expr & { k: 'call' },
    fun: Expr & { k: 'selector' },
    kind: 'OnceFunc' | 'OnceValue' | 'OnceValues',
  ): Operand {
    const name = exprString(fun);
    const arg = e.args[0];
    if (!arg) fail(e.pos, `not enough arguments in call to ${name}`);
    if (e.args.length > 1) fail((e.args[1] as Expr).pos, `too many arguments in call to ${name}`);
    const aop = this.peekOperand(arg);
    const at = aop.type;
    const u = under(at);
    const want = { OnceFunc: 0, OnceValue: 1, OnceValues: 2 }[kind];
    const shape = ['func()', 'func() T', 'func() (T1, T2)'][want] as string;
    if (u.k !== 'func' || u.params.length > 0 || u.variadic || u.results.length !== want)
      fail(
        arg.pos,
        want === 0
          ? `cannot use ${this.describe(arg, aop)} as func() value in argument to ${name}`
          : `in call to ${name}, type ${typeString(at)} of ${exprString(arg)} does not match ${shape}`,
      );
    // f first (a closure there is numbered as the program's own), then Go's code, called with it
    this.expr(arg);
    const tmp = this.fnc.newLocal(null, at);
    this.emit(Op.Store, e.pos, tmp);
    const syms: [string, Type][] = [['__Once', onceType]];
    u.results.forEach((t, i) => syms.push([`__T${i + 1}`, t]));
    const goName = want === 0 ? 'sync.OnceFunc' : `sync.${kind}[...]`;
    return this.goCall(e, goName, goTemplate(ONCE_FUNCS, kind), syms, [tmp]);
  }

  /**
   * A call of a library function written in Go (`lit`, its type parameters `__X` bound by
   * syms) with the values in the locals args: Go's own code, step for step. Its functions
   * get Go's names (maps.Copy[...], sync.OnceValue[...].func1) and are the library's: left
   * out of tracebacks, their steps shown at the program's call.
   */
  private goCall(
    e: Expr & { k: 'call' },
    goName: string,
    lit: Expr & { k: 'funclit' },
    syms: readonly (readonly [string, Type])[],
    args: readonly number[],
  ): Operand {
    const saved = this.scope;
    this.scope = this.templateScope(syms);
    const before = this.funcs.length;
    const closures = this.fnc.closures;
    let lop: Operand;
    try {
      lop = this.expr(relocate(lit, e.pos));
    } finally {
      this.scope = saved;
    }
    for (const a of args) this.emit(Op.Load, e.pos, a);
    this.emit(Op.CallV, e.pos, 0, args.length);
    const prefix = `${this.fnc.name}.${this.fnc.parent ? '' : 'func'}${closures + 1}`;
    for (let id = before; id < this.funcs.length; id++) {
      const f = this.funcs[id] as FuncCode & { name: string; native: boolean };
      if (f.name.startsWith(prefix)) {
        f.name = goName + f.name.slice(prefix.length).replace(/^\.(\d)/, '.func$1');
        f.native = true;
      }
    }
    const op = this.results(lop.type as FuncType);
    this.fnc.closures = closures;
    return op;
  }

  /**
   * slices.Delete, DeleteFunc, Insert and Compact: Go's code for them (SLICES_FUNCS), run step
   * by step, so that their reads and writes of the slice's elements are steps other
   * goroutines see, as Go's are. S is the first argument's type, E its element type.
   */
  private slicesCall(e: Expr & { k: 'call' }, sel: string): Operand {
    const name = `slices.${sel}`;
    const first = e.args[0];
    if (!first) fail(e.pos, `not enough arguments in call to ${name}`);
    const st = defaultType(this.peekType(first));
    const su = under(st);
    if (su.k !== 'slice')
      fail(first.pos, `in call to ${name}, S (type ${typeString(st)}) does not satisfy ~[]E`);
    if (sel === 'Compact' && !comparable(su.elem))
      fail(
        first.pos,
        `in call to ${name}, E (type ${typeString(su.elem)}) does not satisfy comparable`,
      );
    return this.templateCall(e, name, goTemplate(SLICES_FUNCS, sel), [
      ['__S', st],
      ['__E', su.elem],
    ]);
  }

  /**
   * A call of the library function `name` written as the Go template lit, its type parameters
   * bound by syms: the arguments first, left to right, as its signature takes them (a
   * function literal among them is the program's), then Go's code (goCall).
   */
  private templateCall(
    e: Expr & { k: 'call' },
    name: string,
    lit: Expr & { k: 'funclit' },
    syms: readonly (readonly [string, Type])[],
  ): Operand {
    const sig = this.funcTypeIn(this.templateScope(syms), lit.sig);
    const n = this.pushArgs(e, sig, name, null);
    const temps = sig.params.map((t) => this.fnc.newLocal(null, t));
    for (let i = n - 1; i >= 0; i--) this.emit(Op.Store, e.pos, temps[i] as number);
    return this.goCall(e, `${name}[...]`, lit, syms, temps);
  }

  /** A scope over the one being compiled where `__X` names the type bound to it by syms. */
  private templateScope(syms: readonly (readonly [string, Type])[]): Scope {
    const sc = new Scope(this.scope);
    for (const [name, type] of syms) sc.syms.set(name, { k: 'type', name: name.slice(2), type });
    return sc;
  }

  /**
   * maps.Copy, Equal, EqualFunc and DeleteFunc: Go's code (MAPS_FUNCS), each a loop over a
   * map, so they take the steps of that loop (a range step per entry, and the map reads,
   * writes and deletes in it), and a goroutine writing a map meanwhile meets the fatal
   * errors the loop would. The arguments are checked as gc checks them.
   */
  private mapsCall(e: Expr & { k: 'call' }, sel: (typeof MAPS_FUNCS_ORDER)[number]): Operand {
    const name = `maps.${sel}`;
    const want = { Copy: 2, Equal: 2, EqualFunc: 3, DeleteFunc: 2 }[sel];
    const have = () => e.args.map((a) => typeString(defaultType(this.peekType(a)))).join(', ');
    if (e.args.length < want)
      fail(
        e.pos,
        `not enough arguments in call to ${name}\n\thave (${have()})\n\twant ${
          {
            Copy: '(M1, M2)',
            Equal: '(M1, M2)',
            EqualFunc: '(M1, M2, func(V1, V2) bool)',
            DeleteFunc: '(M, func(K, V) bool)',
          }[sel]
        }`,
      );
    if (e.args.length > want)
      fail((e.args[want] as Expr).pos, `too many arguments in call to ${name}`);
    if (e.ellipsis) fail(e.pos, `invalid use of ... in call to ${name}`);
    const maps = sel === 'DeleteFunc' ? 1 : 2;
    const types: Type[] = [];
    const us: (Type & { k: 'map' })[] = [];
    for (let i = 0; i < maps; i++) {
      const a = e.args[i] as Expr;
      const t = defaultType(this.peekType(a));
      const u = under(t);
      const p = maps === 1 ? 'M' : `M${i + 1}`;
      if (u.k !== 'map')
        fail(a.pos, `in call to ${name}, ${p} (type ${typeString(t)}) does not satisfy ~map[K]V`);
      const first = us[0];
      if (
        first &&
        (!identical(u.key, first.key) || (sel !== 'EqualFunc' && !identical(u.elem, first.elem)))
      )
        fail(
          a.pos,
          `in call to ${name}, ${p} (type ${typeString(t)}) does not satisfy ~map[${typeString(first.key)}]${sel === 'EqualFunc' ? 'V2' : typeString(first.elem)}`,
        );
      types.push(t);
      us.push(u);
    }
    const m1 = us[0] as Type & { k: 'map' };
    if (sel === 'Equal' && !comparable(m1.elem))
      fail(
        e.pos,
        `in call to ${name}, V (type ${typeString(m1.elem)}) does not satisfy comparable`,
      );
    const syms: [string, Type][] = types.map((t, i) => [maps === 1 ? '__M' : `__M${i + 1}`, t]);
    syms.push(['__K', m1.key], ['__V', m1.elem]);
    if (sel === 'EqualFunc')
      syms.push(['__V1', m1.elem], ['__V2', (us[1] as Type & { k: 'map' }).elem]);
    return this.templateCall(e, name, goTemplate(MAPS_FUNCS, sel), syms);
  }

  private pkgOf(x: Expr): (Sym & { k: 'pkg' }) | null {
    if (x.k !== 'ident') return null;
    const s = this.scope.lookup(x.name);
    if (s?.k === 'pkg') {
      s.used = true;
      return s;
    }
    return null;
  }

  // ---- fields and methods --------------------------------------------------------------

  /**
   * Why `x.sel` names nothing, as types2 says it: with the field or method whose name differs
   * only in case, when there is one (`mu.lock`: "but does have method Lock").
   */
  /**
   * Whether `name` is found twice at the shallowest depth that has it, through embedded
   * fields (an embedded interface's methods counted too): types2's "ambiguous selector".
   */
  private ambiguousSelector(t: Type, name: string): boolean {
    const base = t.k === 'ptr' ? t.elem : t;
    let level: Type[] = [base];
    const seen = new Set<Type>();
    while (level.length > 0) {
      let hits = 0;
      const next: Type[] = [];
      for (const type of level) {
        if (seen.has(type)) continue;
        seen.add(type);
        if (type.k === 'named' && type.methods.has(name)) hits++;
        const u = under(type);
        if (u.k === 'iface' && type !== base && u.methods.has(name)) hits++;
        if (u.k === 'struct')
          for (const f of u.fields) {
            if (f.name === name) hits++;
            if (f.embedded) next.push(f.type.k === 'ptr' ? f.type.elem : f.type);
          }
      }
      if (hits > 0) return hits > 1;
      level = next;
    }
    return false;
  }

  private noSuchSelector(t: Type, sel: string): string {
    const why = `type ${typeString(t)} has no field or method ${sel}`;
    const names = new Set<string>();
    const seen = new Set<Type>();
    const collect = (x: Type): void => {
      if (seen.has(x)) return;
      seen.add(x);
      if (x.k === 'ptr') return collect(x.elem);
      if (x.k === 'named') for (const m of x.methods.keys()) names.add(m);
      const u = under(x);
      if (u.k === 'iface') for (const m of u.methods.keys()) names.add(m);
      if (u.k === 'struct')
        for (const f of u.fields) {
          names.add(f.name);
          if (f.embedded) collect(f.type);
        }
    };
    collect(t);
    for (const alt of names) {
      if (alt === sel || alt.toLowerCase() !== sel.toLowerCase()) continue;
      const found = this.lookupField(t, alt);
      if (!found) continue;
      return `${why}, but does have ${found.kind === 'field' ? 'field' : 'method'} ${alt}`;
    }
    return why;
  }

  private lookupField(
    t: Type,
    name: string,
  ):
    | { kind: 'field'; path: number[]; index: number; type: Type }
    | { kind: 'method'; path: number[]; method: MethodRef; owner: NamedType; ptrBase: boolean }
    | { kind: 'imethod'; sig: FuncType }
    | null {
    let base = t;
    let ptrBase = false;
    if (base.k === 'ptr') {
      base = base.elem;
      ptrBase = true;
    } else if (base.k === 'named' && base.underlying.k === 'ptr') return null;
    if (isInterface(base) && !ptrBase) {
      const sig = (under(base) as InterfaceType).methods.get(name);
      return sig ? { kind: 'imethod', sig } : null;
    }
    let level: { type: Type; path: number[] }[] = [{ type: base, path: [] }];
    const seen = new Set<Type>();
    while (level.length > 0) {
      const hits: ReturnType<Compiler['lookupField']>[] = [];
      const next: { type: Type; path: number[] }[] = [];
      for (const { type, path } of level) {
        if (seen.has(type)) continue;
        seen.add(type);
        if (type.k === 'named') {
          const m = type.methods.get(name);
          if (m)
            hits.push({
              kind: 'method',
              path,
              method: m,
              owner: type,
              ptrBase: ptrBase || path.length > 0,
            });
        }
        const u = under(type);
        if (u.k === 'struct') {
          u.fields.forEach((f, i) => {
            if (f.name === name) hits.push({ kind: 'field', path, index: i, type: f.type });
            // (an embedded pointer is followed: -1 - i in the path, see structRef)
            if (f.embedded)
              next.push(
                f.type.k === 'ptr'
                  ? { type: f.type.elem, path: [...path, -1 - i] }
                  : { type: f.type, path: [...path, i] },
              );
          });
        }
      }
      if (hits.length === 1) return hits[0] ?? null;
      if (hits.length > 1) return null;
      level = next;
    }
    return null;
  }

  /**
   * Is x a struct value only this goroutine can reach (a local struct variable that no
   * closure captures and whose address is never taken, or a field of one)? Its fields are
   * then private memory: accessing them is neither a scheduling point nor a possible race.
   */
  private privateRoot(x: Expr): boolean {
    let e = x;
    for (;;) {
      if (e.k === 'paren') e = e.x;
      else if (
        e.k === 'selector' &&
        !this.pkgOf(e.x) &&
        isStructLike(this.peekType(e.x)) &&
        under(this.peekType(e.x)).k !== 'ptr'
      )
        e = e.x;
      else break;
    }
    if (e.k !== 'ident') return false;
    const sym = this.scope.lookup(e.name);
    if (!sym || sym.k !== 'var' || sym.owner !== this.fnc || !isStructLike(sym.type)) return false;
    return !this.fnc.escapes.shared.has(`${sym.pos.line}:${sym.pos.col}:${sym.name}`);
  }

  /** Push the struct (a ref) that holds the field reached by `path` from x. */
  /** Is x addressable, as Go's spec says (a variable, *p, a field of one, a slice element)? */
  private addressable(x: Expr): boolean {
    switch (x.k) {
      case 'paren':
        return this.addressable(x.x);
      case 'ident':
        return this.scope.lookup(x.name)?.k === 'var';
      case 'selector':
        return (
          this.pkgOf(x.x) !== null || under(this.peekType(x.x)).k === 'ptr' || this.addressable(x.x)
        );
      case 'index': {
        // a slice's element, an element of an addressable array, or of *array
        const u = under(this.peekType(x.x));
        if (u.k === 'slice' || (u.k === 'ptr' && under(u.elem).k === 'array')) return true;
        return u.k === 'array' && this.addressable(x.x);
      }
      case 'unary':
        return x.op === '*';
      default:
        return false;
    }
  }

  /**
   * A method expression, T.M or (*T).M: the method as a function whose first parameter is
   * the receiver (its compiled code already takes the receiver first).
   */
  private methodExpr(e: Expr & { k: 'selector' }, t: Type): Operand {
    const found = this.lookupField(t, e.sel);
    const base = t.k === 'ptr' ? t.elem : t;
    // (types2's words, at the selector)
    if (!found) fail(e.selPos, `${exprString(e)} undefined (${this.noSuchSelector(t, e.sel)})`);
    if (found.kind === 'field')
      fail(e.selPos, `${exprString(e)} undefined (type ${typeString(t)} has no method ${e.sel})`);
    if (found.kind === 'imethod') unsupported(e.pos, 'method expressions on interface types');
    if (found.method.ptrRecv && t.k !== 'ptr' && found.path.length === 0)
      fail(
        e.selPos,
        `invalid method expression ${exprString(e)} (needs pointer receiver (*${typeString(base)}).${e.sel})`,
      );
    if (found.path.length > 0) unsupported(e.pos, 'method expressions of promoted methods');
    if (found.method.native)
      unsupported(e.pos, `method expressions of library methods (${exprString(e)})`);
    const sig = found.method.sig;
    // a value method through a pointer type: Go's autogenerated wrapper, which copies *p
    const fn =
      !found.method.ptrRecv && t.k === 'ptr'
        ? this.derefWrapper(found.method.fn, base, sig, `main.(*${typeString(base)}).${e.sel}`)
        : found.method.fn;
    this.emit(Op.Push, e.pos, 0, 0, { fn });
    return {
      mode: 'value',
      type: { k: 'func', params: [t, ...sig.params], results: sig.results, variadic: sig.variadic },
    };
  }

  private structRef(x: Expr, path: number[], pos: Pos, _write: boolean): Operand {
    const op = this.expr(x);
    if (!throughPointer(path)) {
      for (const i of path) this.emit(Op.FieldS, pos, i);
      return op;
    }
    // through an embedded pointer: its value is read (a step another goroutine can see), and
    // what follows is reached through it (addressable; a nil one panics at the next access)
    let cur = op.type;
    for (const i of path) {
      let u = under(cur);
      if (u.k === 'ptr') u = under(u.elem);
      const f = (u as StructType).fields[i < 0 ? -1 - i : i] as StructType['fields'][number];
      if (i >= 0) this.emit(Op.FieldS, pos, i);
      else this.emitVisible(Op.LoadF, pos, `read field ${f.name}`, -1 - i, 0, f.name);
      cur = f.type.k === 'ptr' && i < 0 ? f.type.elem : f.type;
    }
    return { mode: 'value', type: { k: 'ptr', elem: cur }, addressable: true };
  }

  private selector(e: Expr & { k: 'selector' }): Operand {
    const pkg = this.pkgOf(e.x);
    if (pkg) {
      const m = this.member(pkg.path, e.sel, e.selPos);
      switch (m.k) {
        case 'var':
          this.emit(Op.Native, e.pos, 0, 1, { name: m.native, place: null });
          return { mode: 'value', type: m.type };
        case 'func':
          // (called as a value, its variadic arguments come as a slice: the wrapper spreads it)
          if (m.type.variadic) this.spread = true;
          this.emit(Op.Push, e.pos, 0, 0, {
            fn: this.trampoline(m.native, m.type.params.length, m.type.results.length, m.type),
          });
          return { mode: 'value', type: m.type };
        case 'type':
          fail(e.pos, `${exprString(e)} (type) is not an expression`);
        // falls through (fail throws)
        case 'generic':
          unsupported(e.pos, `using the generic function ${exprString(e)} as a value`);
        // falls through (unsupported throws)
        default:
          throw new Error('internal: constant member not folded');
      }
    }
    const recvType = this.asTypeQuiet(e.x);
    if (recvType) return this.methodExpr(e, recvType);
    const xt = this.peekType(e.x);
    const found = this.lookupField(xt, e.sel);
    if (!found) {
      // a library method Go has and Interleave does not: say so, not "undefined"
      const lib = xt.k === 'ptr' ? xt.elem : xt;
      if (
        lib.k === 'named' &&
        lib.pkg !== 'main' &&
        goMethods.get(`${lib.pkg}.${lib.name}`)?.has(e.sel)
      )
        unsupported(e.selPos, `${lib.pkg}.${lib.name}.${e.sel} is not simulated yet`);
      if (this.ambiguousSelector(xt, e.sel)) fail(e.selPos, `ambiguous selector ${exprString(e)}`);
      const what =
        under(xt).k === 'ptr' && isInterface((under(xt) as { elem: Type }).elem)
          ? `type ${typeString(xt)} is pointer to interface, not interface`
          : this.noSuchSelector(xt, e.sel);
      fail(e.selPos, `${exprString(e)} undefined (${what})`);
    }
    if (found.kind === 'field') {
      const base = this.structRef(e.x, found.path, e.pos, false);
      if (isStructLike(found.type)) {
        this.emit(Op.FieldS, e.pos, found.index);
        return {
          mode: 'value',
          type: found.type,
          addressable: base.addressable || under(base.type).k === 'ptr',
          ...(base.mapIndex ? { mapIndex: true } : {}),
        };
      }
      if (this.privateRoot(e.x) && !throughPointer(found.path))
        this.emit(Op.LoadF, e.pos, found.index, 1, e.sel);
      else this.emitVisible(Op.LoadF, e.pos, `read field ${e.sel}`, found.index, 0, e.sel);
      return {
        mode: 'value',
        type: found.type,
        addressable: base.addressable || under(base.type).k === 'ptr',
        ...(base.mapIndex ? { mapIndex: true } : {}),
      };
    }
    if (found.kind === 'imethod') {
      this.expr(e.x);
      this.emit(Op.IfaceMethodVal, e.pos, 0, 0, e.sel);
      return { mode: 'value', type: found.sig };
    }
    this.receiver(e, found);
    if (found.method.native) {
      const t = this.trampoline(
        found.method.native,
        found.method.sig.params.length + 1,
        found.method.sig.results.length,
        found.method.sig,
        found.method.ptrRecv,
      );
      this.emit(Op.MethodVal, e.pos, t);
    } else this.emit(Op.MethodVal, e.pos, found.method.fn);
    return { mode: 'value', type: found.method.sig };
  }

  /** Push the receiver for a method: a pointer for pointer methods, a copy for value methods. */
  private receiver(
    sel: Expr & { k: 'selector' },
    found: { path: number[]; method: MethodRef; owner: NamedType; ptrBase: boolean },
  ): void {
    const structLike = isStructLike(found.owner);
    if (
      found.method.ptrRecv &&
      found.path.length === 0 &&
      !structLike &&
      under(this.peekType(sel.x)).k !== 'ptr'
    ) {
      // a pointer method on a non-struct variable: pass the variable's address
      this.addressOf(sel.x);
      return;
    }
    const base = this.structRef(sel.x, found.path, sel.pos, false);
    if (found.method.ptrRecv) {
      if (
        found.path.length === 0 &&
        under(base.type).k !== 'ptr' &&
        (!base.addressable || base.mapIndex)
      )
        fail(sel.pos, `cannot call pointer method ${sel.sel} on ${typeString(base.type)}`);
      return;
    }
    // value receiver: dereference pointers, then copy
    if (found.path.length === 0 && under(base.type).k === 'ptr' && !structLike)
      this.emitVisible(Op.LoadP, sel.pos, 'read through pointer');
    if (structLike) this.emit(Op.Copy, sel.pos);
  }

  // ---- calls ---------------------------------------------------------------------------

  private call(e: Expr & { k: 'call' }, hint?: Type): Operand {
    const fun = e.fun.k === 'paren' ? e.fun.x : e.fun;
    // conversions
    const convType = this.asType(fun);
    if (convType) return this.conversion(e, convType);
    const gf = this.genericFunc(fun);
    if (gf) {
      const inst = this.inferCall(e, gf.g, this.typeArgs(gf.g, gf.targs, fun.pos));
      const n = this.pushArgs(e, inst.type, gf.name, null);
      this.emit(Op.Call, e.lparen, inst.id, n);
      return this.results(inst.type);
    }
    if (fun.k === 'ident') {
      const sym = this.scope.lookup(fun.name);
      if (sym?.k === 'builtin') return this.builtin(fun.name, e, hint);
      if (sym?.k === 'func') {
        const n = this.pushArgs(e, sym.type, fun.name, null);
        this.emit(Op.Call, e.lparen, sym.id, n);
        return this.results(sym.type);
      }
    }
    if (fun.k === 'selector') {
      const pkg = this.pkgOf(fun.x);
      if (
        pkg?.path === 'sync' &&
        (fun.sel === 'OnceFunc' || fun.sel === 'OnceValue' || fun.sel === 'OnceValues')
      )
        return this.onceCall(e, fun, fun.sel);
      if (pkg?.path === 'slices' && (fun.sel === 'Collect' || fun.sel === 'Sorted')) {
        const seq = e.args.length === 1 ? this.mapsSeq(e.args[0] as Expr) : null;
        if (seq) return this.collect(e, seq, fun.sel === 'Sorted');
      }
      if (pkg?.path === 'maps' && isMapsTemplate(fun.sel)) return this.mapsCall(e, fun.sel);
      if (pkg?.path === 'slices' && SLICES_FUNCS_ORDER.includes(fun.sel))
        return this.slicesCall(e, fun.sel);
      if (pkg) {
        const m = this.member(pkg.path, fun.sel, fun.selPos);
        if (m.k === 'generic') {
          const type = this.instantiate(m, e, fun);
          const n = this.pushArgs(e, type, exprString(fun), m.native);
          this.emitNative(m.native, n, type.results.length, e.lparen, null);
          return this.results(type);
        }
        if (m.k !== 'func')
          fail(e.pos, `invalid operation: cannot call non-function ${exprString(fun)}`);
        const n = this.pushArgs(e, m.type, exprString(fun), m.native);
        this.emitNative(m.native, n, m.type.results.length, e.lparen, null);
        return this.results(m.type);
      }
      const xt = this.asTypeQuiet(fun.x) ? null : this.peekType(fun.x);
      const found = xt && this.lookupField(xt, fun.sel);
      if (found?.kind === 'method') {
        this.receiver(fun, found);
        const n = this.pushArgs(e, found.method.sig, exprString(fun), found.method.native);
        if (found.method.native)
          this.emitNative(
            found.method.native,
            n + 1,
            found.method.sig.results.length,
            e.lparen,
            this.placeName(fun.x),
          );
        else this.emit(Op.Call, e.lparen, found.method.fn, n + 1);
        return this.results(found.method.sig);
      }
      if (found?.kind === 'imethod') {
        this.expr(fun.x);
        const n = this.pushArgs(e, found.sig, exprString(fun), null);
        this.emit(Op.CallI, e.lparen, 0, n, fun.sel);
        return this.results(found.sig);
      }
    }
    const op = this.expr(fun);
    const u = under(op.type);
    if (u.k !== 'func')
      fail(e.pos, `invalid operation: cannot call non-function ${this.describe(fun, op)}`);
    const n = this.pushArgs(e, u, exprString(fun), null);
    this.emit(Op.CallV, e.lparen, 0, n);
    return this.results(u);
  }

  private emitNative(
    name: string,
    nargs: number,
    nresults: number,
    pos: Pos,
    place: string | null,
  ): void {
    const c = this.spread ? { name, place, spread: true } : { name, place };
    this.spread = false;
    if (NATIVE_STEPS.has(name))
      this.emitVisible(Op.Native, pos, NATIVE_STEPS.get(name) as string, nargs, nresults, c);
    else this.emit(Op.Native, pos, nargs, nresults, c);
  }

  private results(t: FuncType): Operand {
    if (t.results.length === 0) return { mode: 'void', type: { k: 'tuple', types: [] } };
    if (t.results.length === 1) return { mode: 'value', type: t.results[0] as Type };
    return { mode: 'tuple', type: { k: 'tuple', types: t.results } };
  }

  /** Push converted arguments; returns how many values were pushed. */
  private pushArgs(
    e: Expr & { k: 'call' },
    sig: FuncType,
    fname: string,
    native: string | null,
  ): number {
    const params = sig.params;
    const args = e.args;
    const ctx = `argument to ${fname}`;
    // f(g()) where g returns several values (a variadic f takes those past its fixed
    // parameters as its last: fmt.Println(f()))
    if (args.length === 1 && (params.length > 1 || sig.variadic) && !e.ellipsis) {
      const a = args[0] as Expr;
      const op = this.peekOperand(a);
      if (op.mode === 'tuple' && op.type.k === 'tuple') {
        this.expr(a);
        const got = op.type.types;
        const fixedHere = sig.variadic ? params.length - 1 : params.length;
        if (sig.variadic ? got.length < fixedHere : got.length !== params.length)
          this.argCountError(e, sig, fname, got);
        const tmps = got.map((t) => this.fnc.newLocal(null, t));
        for (let i = got.length - 1; i >= 0; i--) this.emit(Op.Store, e.pos, tmps[i] as number);
        got.forEach((t, i) => {
          this.emit(Op.Load, e.pos, tmps[i] as number);
          this.convert({ mode: 'value', type: t }, this.paramType(sig, i), a, ctx);
        });
        // library functions take their variadic arguments directly; Go functions get a slice
        if (!sig.variadic || native) return got.length;
        const elem = (params[params.length - 1] as { elem: Type }).elem;
        this.emit(Op.SliceLit, e.pos, got.length - fixedHere, 0, elem);
        return fixedHere + 1;
      }
    }
    const fixed = sig.variadic ? params.length - 1 : params.length;
    if (args.length < fixed || (!sig.variadic && args.length > fixed))
      this.argCountError(e, sig, fname, null);
    if (e.ellipsis) {
      if (!sig.variadic) fail(e.pos, `have (...) but function is not variadic: ${fname}`);
      if (args.length !== params.length) this.argCountError(e, sig, fname, null);
      args.forEach((a, i) => this.convert(this.expr(a, params[i]), params[i] as Type, a, ctx));
      if (native) this.spread = true;
      return args.length;
    }
    for (let i = 0; i < fixed; i++) {
      const a = args[i] as Expr;
      const t = params[i] as Type;
      const op = this.expr(a, t);
      if (op.mode === 'void') fail(a.pos, `${exprString(a)} (no value) used as value`);
      if (op.mode === 'tuple')
        fail(
          a.pos,
          `multiple-value ${exprString(a)} (value of type ${typeString(op.type)}) in single-value context`,
        );
      this.convert(op, t, a, ctx);
    }
    if (!sig.variadic) return fixed;
    const elem = (params[params.length - 1] as { elem: Type }).elem;
    const extra = args.slice(fixed);
    for (const a of extra) {
      const op = this.expr(a, elem);
      if (op.mode === 'void') fail(a.pos, `${exprString(a)} (no value) used as value`);
      this.convert(op, elem, a, ctx);
    }
    // library functions take their variadic arguments directly; Go functions get a slice
    if (native) return fixed + extra.length;
    this.emit(Op.SliceLit, e.pos, extra.length, 0, elem);
    return fixed + 1;
  }

  private paramType(sig: FuncType, i: number): Type {
    if (sig.variadic && i >= sig.params.length - 1)
      return (sig.params[sig.params.length - 1] as { elem: Type }).elem;
    return sig.params[i] as Type;
  }

  private argCountError(
    e: Expr & { k: 'call' },
    sig: FuncType,
    fname: string,
    got: readonly Type[] | null,
  ): never {
    const have = got ?? e.args.map((a) => summaryType(this.peekOperand(a)));
    const n = got ? got.length : e.args.length;
    const want = sig.params.length;
    const few = n < (sig.variadic ? want - 1 : want);
    fail(
      few ? { line: e.pos.line, col: e.pos.col } : (e.args[want]?.pos ?? e.pos),
      `${few ? 'not enough' : 'too many'} arguments in call to ${fname}\n\thave (${have.join(', ')})\n\twant ${sigParams(sig)}`,
    );
  }

  /** If the expression names a type (for a conversion), that type. */
  private asType(x: Expr): Type | null {
    if (x.k === 'typeexpr') return this.resolveType(x.t);
    if (x.k === 'paren') return this.asType(x.x);
    if (x.k === 'ident') {
      const s = this.scope.lookup(x.name);
      return s?.k === 'type' ? s.type : null;
    }
    if (x.k === 'selector' && x.x.k === 'ident') {
      const s = this.scope.lookup(x.x.name);
      if (s?.k === 'pkg') {
        const m = packages.get(s.path)?.get(x.sel);
        if (m?.k === 'type') {
          s.used = true;
          return m.type;
        }
      }
    }
    if (x.k === 'unary' && x.op === '*') {
      const inner = this.asType(x.x);
      return inner ? { k: 'ptr', elem: inner } : null;
    }
    // a generic type with its type arguments: Pair[int, string], List[int]
    if ((x.k === 'inst' || x.k === 'index') && x.x.k === 'ident') {
      const s = this.scope.lookup(x.x.name);
      if (s?.k === 'gtype') return this.resolveType(exprAsTypeExpr(x));
    }
    return null;
  }

  private conversion(e: Expr & { k: 'call' }, to: Type): Operand {
    if (e.args.length !== 1)
      fail(
        e.pos,
        e.args.length === 0
          ? `missing argument in conversion to ${typeString(to)}`
          : `too many arguments in conversion to ${typeString(to)}`,
      );
    const a = e.args[0] as Expr;
    const op = this.expr(a, to);
    const from = op.type;
    const fu = under(from);
    const tu = under(to);
    if (op.mode === 'nil') {
      if (!isNillable(to)) fail(a.pos, `cannot convert nil to type ${typeString(to)}`);
      return { mode: 'value', type: to };
    }
    if (isInterface(to)) {
      this.convert(op, to, a, 'conversion');
      return { mode: 'value', type: to };
    }
    // (struct tags do not matter to a conversion; nor do they between pointers' base types)
    const pointers =
      fu.k === 'ptr' && tu.k === 'ptr' && identical(under(fu.elem), under(tu.elem), true);
    if (identical(fu, tu, true) || pointers || this.assignableType(from, to)) {
      if (isStructLike(to)) this.emit(Op.Copy, e.pos);
      return { mode: 'value', type: to, fresh: isStructLike(to) };
    }
    if (isNumeric(from) && isNumeric(to)) {
      this.emit(Op.Conv, e.pos, 0, 0, { from, to });
      return { mode: 'value', type: to };
    }
    if (isString(to) && isInteger(from)) {
      this.emit(Op.Conv, e.pos, 0, 0, { from, to });
      return { mode: 'value', type: to };
    }
    // string([]byte), string([]rune), []byte(s), []rune(s)
    const bytesOrRunes = (t: Type) => {
      const u = under(t);
      if (u.k !== 'slice' || u.elem.k !== 'basic') return null;
      const n = u.elem.name;
      return n === 'uint8' ? 'Bytes' : n === 'int32' ? 'Runes' : null;
    };
    const ofSlice = isString(to) ? bytesOrRunes(from) : null;
    const toSlice = isString(from) ? bytesOrRunes(to) : null;
    if (ofSlice || toSlice) {
      const name = ofSlice
        ? `conv.stringOf${ofSlice}`
        : `conv.${toSlice === 'Bytes' ? 'bytes' : 'runes'}OfString`;
      this.emitNative(name, 1, 1, e.pos, null);
      return { mode: 'value', type: to };
    }
    fail(a.pos, `cannot convert ${this.describe(a, op)} to type ${typeString(to)}`);
  }

  // ---- builtins ------------------------------------------------------------------------

  private builtin(name: string, e: Expr & { k: 'call' }, hint?: Type): Operand {
    const args = e.args;
    const need = (n: number) => {
      if (args.length < n)
        fail(
          e.pos,
          `not enough arguments for ${exprString(e)} (expected ${n}, found ${args.length})`,
        );
      if (args.length > n)
        fail(
          args[n]?.pos ?? e.pos,
          `too many arguments for ${exprString(e)} (expected ${n}, found ${args.length})`,
        );
    };
    switch (name) {
      case 'len':
      case 'cap': {
        need(1);
        const a = args[0] as Expr;
        const op = this.expr(a);
        const u = under(op.type);
        const arr = u.k === 'ptr' ? under(u.elem) : u;
        if (arr.k === 'array') {
          // an array's length is part of its type
          this.emit(Op.Pop, e.pos);
          this.emit(Op.Push, e.pos, 0, 0, arr.len);
          return { mode: 'value', type: T.int };
        }
        if (name === 'len' && isString(op.type)) {
          this.emit(Op.Len, e.pos);
          return { mode: 'value', type: T.int };
        }
        if (u.k === 'slice') {
          this.emit(name === 'len' ? Op.Len : Op.Cap, e.pos);
          return { mode: 'value', type: T.int };
        }
        if (u.k === 'map' && name === 'len') {
          this.emitVisible(Op.MapLen, e.pos, 'len(map)', 0, 0, { name: this.placeName(a) });
          return { mode: 'value', type: T.int };
        }
        if (u.k === 'chan') {
          // (how many values wait in the buffer changes; the capacity never does)
          if (name === 'len')
            this.emitVisible(Op.Native, e.pos, 'len(chan)', 1, 1, {
              name: 'chan.len',
              place: this.placeName(a),
            });
          else this.emit(Op.Native, e.pos, 1, 1, { name: 'chan.cap', place: null });
          return { mode: 'value', type: T.int };
        }
        fail(a.pos, `invalid argument: ${this.describe(a, op)} for built-in ${name}`);
      }
      // falls through (fail throws)
      case 'append': {
        if (args.length === 0)
          fail(e.pos, 'not enough arguments for append() (expected 1, found 0)');
        const s0 = args[0] as Expr;
        const sop = this.expr(s0, hint);
        if (sop.mode === 'nil')
          fail(s0.pos, 'first argument to append must be a typed slice; have untyped nil');
        const su = under(sop.type);
        if (su.k !== 'slice')
          fail(
            s0.pos,
            `invalid argument: ${this.describe(s0, sop)} (value of type ${typeString(sop.type)}) is not a slice`,
          );
        if (e.ellipsis) {
          if (args.length !== 2) fail(e.pos, 'can only use ... with final argument in list');
          const t = args[1] as Expr;
          const top = this.expr(t, sop.type);
          // (the spec's special case: append([]byte, string...) appends the string's bytes)
          const elem = su.elem;
          if (isString(top.type) && elem.k === 'basic' && elem.name === 'uint8')
            this.emitNative('conv.bytesOfString', 1, 1, t.pos, null);
          else this.convert(top, sop.type, t, 'argument to append');
          this.emitVisible(Op.AppendSlice, e.pos, 'append');
          return { mode: 'value', type: sop.type };
        }
        for (const a of args.slice(1))
          this.convert(this.expr(a, su.elem), su.elem, a, 'argument to append');
        this.emitVisible(Op.Append, e.pos, 'append', args.length - 1);
        return { mode: 'value', type: sop.type };
      }
      case 'make': {
        const t0 = args[0];
        if (!t0) fail(e.pos, 'not enough arguments for make() (expected 1, found 0)');
        const t = this.asType(t0);
        if (!t) fail(t0.pos, `${exprString(t0)} is not a type`);
        const u = under(t);
        // (types2's words for a wrong number of arguments to make)
        const arity = (lo: number) => {
          if (args.length < lo || args.length > lo + 1)
            fail(
              e.pos,
              `invalid operation: ${exprString(e)} expects ${lo} or ${lo + 1} arguments; found ${args.length}`,
            );
        };
        if (u.k === 'map') {
          arity(1);
          if (args[1]) this.intIndex(args[1], -1, 'size');
          if (args[1]) this.emit(Op.Pop, e.pos);
          this.emit(Op.MakeMap, e.pos, 0, 0, t);
          return { mode: 'value', type: t };
        }
        if (u.k === 'slice') {
          arity(2);
          const len = this.intIndex(args[1] as Expr, -1, 'size');
          const cap = args[2] ? this.intIndex(args[2], -1, 'size') : -1;
          if (len >= 0 && cap >= 0 && len > cap)
            fail((args[1] as Expr).pos, 'invalid argument: length and capacity swapped');
          this.emit(Op.MakeSlice, e.pos, args.length === 3 ? 1 : 0, 0, t);
          return { mode: 'value', type: t };
        }
        if (u.k === 'chan') {
          arity(1);
          if (args[1]) this.intIndex(args[1], -1, 'size');
          else this.emit(Op.Push, e.pos, 0, 0, 0);
          this.emit(Op.Native, e.pos, 1, 1, { name: 'chan.make', place: null, zero: t });
          return { mode: 'value', type: t };
        }
        fail(
          t0.pos,
          `invalid argument: cannot make ${exprString(t0)}; type must be slice, map, or channel`,
        );
      }
      // falls through (fail throws)
      case 'new': {
        need(1);
        const t0 = args[0] as Expr;
        const t = this.asType(t0);
        if (!t) fail(t0.pos, `${exprString(t0)} is not a type`);
        this.emit(Op.New, e.pos, 0, 0, t);
        return { mode: 'value', type: { k: 'ptr', elem: t } };
      }
      case 'delete': {
        need(2);
        const m = args[0] as Expr;
        const mop = this.expr(m);
        const mu = under(mop.type);
        if (mu.k !== 'map') fail(m.pos, `invalid argument: ${this.describe(m, mop)} is not a map`);
        const k = args[1] as Expr;
        this.convert(this.expr(k, mu.key), mu.key, k, 'argument to delete');
        this.mapKey(mu.key, k.pos);
        this.mapWrite(e.pos, 1, this.placeName(m));
        return { mode: 'void', type: { k: 'tuple', types: [] } };
      }
      case 'clear': {
        need(1);
        const m = args[0] as Expr;
        const mop = this.expr(m);
        const mu = under(mop.type);
        if (mu.k === 'slice') {
          // every element of s[:len(s)] set to its zero value (one visible step, as a write)
          this.emitNative('builtin.clearSlice', 1, 0, e.pos, this.placeName(m));
          return { mode: 'void', type: { k: 'tuple', types: [] } };
        }
        if (mu.k !== 'map')
          fail(
            m.pos,
            `invalid argument: cannot clear ${this.describe(m, mop)}: argument must be (or constrained by) map or slice`,
          );
        this.emit(Op.Push, e.pos, 0, 0, null);
        this.mapWrite(e.pos, 2, this.placeName(m));
        return { mode: 'void', type: { k: 'tuple', types: [] } };
      }
      case 'panic': {
        need(1);
        const a = args[0] as Expr;
        this.convert(this.expr(a, emptyInterface), emptyInterface, a, 'argument to panic');
        this.emit(Op.Panic, e.pos);
        return { mode: 'void', type: { k: 'tuple', types: [] } };
      }
      case 'recover':
        need(0);
        this.emit(Op.Recover, e.pos);
        return { mode: 'value', type: emptyInterface };
      case 'print':
      case 'println': {
        const types: Type[] = [];
        for (const a of args) {
          const op = this.expr(a);
          if (op.mode === 'void') fail(a.pos, `${exprString(a)} (no value) used as value`);
          if (op.mode === 'nil') fail(a.pos, 'use of untyped nil in argument to built-in ' + name);
          types.push(defaultType(op.type));
        }
        this.emit(Op.Native, e.pos, args.length, 0, {
          name: `builtin.${name}`,
          place: null,
          types,
        });
        return { mode: 'void', type: { k: 'tuple', types: [] } };
      }
      case 'copy': {
        need(2);
        const d = this.expr(args[0] as Expr);
        const s = this.expr(args[1] as Expr);
        // (the spec's special case: copy([]byte, string) copies the string's bytes)
        const du = under(d.type);
        let su = under(s.type);
        if (isString(s.type) && du.k === 'slice' && du.elem.k === 'basic') {
          su = { k: 'slice', elem: T.uint8 };
          if (du.elem.name === 'uint8') this.emitNative('conv.bytesOfString', 1, 1, e.pos, null);
        }
        // (types2's words)
        if (du.k !== 'slice' || su.k !== 'slice')
          fail(
            (args[0] as Expr).pos,
            `invalid argument: copy expects slice arguments; found ${this.describe(args[0] as Expr, d)} and ${this.describe(args[1] as Expr, s)}`,
          );
        if (!identical(du.elem, su.elem))
          fail(
            (args[0] as Expr).pos,
            `invalid argument: arguments to copy ${this.describe(args[0] as Expr, d)} and ${this.describe(args[1] as Expr, s)} have different element types ${typeString(du.elem)} and ${isString(s.type) ? 'byte' : typeString(su.elem)}`,
          );
        this.emitVisible(Op.Native, e.pos, 'copy', 2, 1, { name: 'builtin.copy', place: null });
        return { mode: 'value', type: T.int };
      }
      case 'min':
      case 'max': {
        if (args.length === 0)
          fail(e.pos, `not enough arguments for ${name}() (expected 1, found 0)`);
        let t: Type | null = null;
        const ops = args.map((a) => this.peekOperand(a));
        for (const op of ops) if (!isUntyped(op.type)) t = op.type;
        const rt = t ?? defaultType(ops[0]?.type ?? T.int);
        if (!isNumeric(rt) && !isString(rt))
          fail(e.pos, `invalid argument: ${exprString(e)} cannot be ordered`);
        for (const a of args) this.convert(this.expr(a, rt), rt, a, `argument to ${name}`);
        this.emit(Op.Native, e.pos, args.length, 1, { name: `builtin.${name}`, place: null });
        return { mode: 'value', type: rt };
      }
      case 'close': {
        need(1);
        const c = args[0] as Expr;
        this.chanOf(c, this.expr(c), 'close');
        this.emitVisible(Op.Native, e.pos, 'close', 1, 0, {
          name: 'chan.close',
          place: this.placeName(c),
        });
        return { mode: 'void', type: { k: 'tuple', types: [] } };
      }
      default:
        unsupported(e.pos, `the built-in ${name}`);
    }
  }

  /**
   * Compile an index (or a size argument of make, which types2 checks as one); types2's errors
   * for one that is not an integer, or a constant one that is negative or not below `max` (the
   * length of an array or a constant string: -1 if unknown). Returns the constant's value, or
   * -1.
   */
  private intIndex(a: Expr, max = -1, what: 'index' | 'size' = 'index'): number {
    const op = this.expr(a, T.int);
    if (!isInteger(op.type) && !(op.mode === 'const' && isIntValue(op.value)))
      fail(
        a.pos,
        what === 'size'
          ? `cannot convert ${this.describe(a, op)} to type int`
          : `invalid argument: index ${this.describe(a, op)} must be integer`,
      );
    if (op.mode === 'const' && isNum(op.value) && op.value < 0)
      fail(
        a.pos,
        `invalid argument: index ${exprString(a)} (constant of type int) must not be negative`,
      );
    if (op.mode !== 'const' || !isNum(op.value)) return -1;
    if (max >= 0 && op.value >= max)
      fail(a.pos, `invalid argument: index ${op.value} out of bounds [0:${max}]`);
    return Number(op.value);
  }

  // ---- literals and closures -----------------------------------------------------------

  private composite(e: Expr & { k: 'composite' }, hint: Type | null): Operand {
    let type: Type;
    let viaPointer = false;
    // [...]T{…}: as many elements as the literal has
    if (e.type?.k === 'tarray' && !e.type.len)
      type = {
        k: 'array',
        elem: this.resolveType(e.type.elem),
        len: this.elementIndexes(e.elts, -1).len,
      };
    else if (e.type) type = this.resolveType(e.type);
    else {
      if (!hint) fail(e.pos, 'invalid composite literal type: missing type');
      type = hint;
      if (under(type).k === 'ptr') {
        type = (under(type) as { elem: Type }).elem;
        viaPointer = true;
      }
    }
    const u = under(type);
    const result = (t: Type): Operand => ({
      mode: 'value',
      type: viaPointer ? { k: 'ptr', elem: t } : t,
      fresh: true,
    });
    if ((type.k === 'named' && type.special !== null) || type === timeType) {
      // sync.Mutex{}, sync.RWMutex{}, sync.WaitGroup{}, time.Time{}: their fields are
      // unexported, so the only literal a program can write is the empty one, which is the
      // zero value.
      if (e.elts[0]) unsupported(e.elts[0].pos, `elements in a ${typeString(type)} literal`);
      this.emit(Op.Zero, e.pos, 0, 0, type);
      return result(type);
    }
    if (u.k === 'struct') {
      this.structLit(e, type, u);
      return result(type);
    }
    if (u.k === 'array' || u.k === 'slice') {
      const { at, len, keyed } = this.elementIndexes(e.elts, u.k === 'array' ? u.len : -1);
      for (const el of e.elts)
        this.convert(this.expr(el.value, u.elem), u.elem, el.value, 'array or slice literal');
      const n = u.k === 'array' ? u.len : len;
      if (keyed || n > e.elts.length)
        this.emit(Op.Place, e.pos, e.elts.length, 0, { at, len: n, zero: u.elem });
      if (u.k === 'array') this.emit(Op.StructLit, e.pos, n, 0, type);
      else this.emit(Op.SliceLit, e.pos, n, 0, u.elem);
      return result(type);
    }
    if (u.k === 'map') {
      const seen = new Set<ConstValue>();
      for (const el of e.elts) {
        if (!el.key) fail(el.pos, 'missing key in map literal');
        const kop = this.expr(el.key, u.key);
        if (kop.mode === 'const' && kop.value !== undefined) {
          if (seen.has(kop.value))
            fail(el.key.pos, `duplicate key ${exprString(el.key)} in map literal`);
          seen.add(kop.value);
        }
        this.convert(kop, u.key, el.key, 'map literal');
        this.mapKey(u.key, el.key.pos);
        this.convert(this.expr(el.value, u.elem), u.elem, el.value, 'map literal');
      }
      this.emit(Op.MapLit, e.pos, e.elts.length, 0, type);
      return result(type);
    }
    fail(e.pos, `invalid composite literal type ${typeString(type)}`);
  }

  private structLit(e: Expr & { k: 'composite' }, type: Type, u: StructType): void {
    const keyed = e.elts.length > 0 && e.elts.every((el) => el.key !== null);
    if (e.elts.length > 0 && !keyed && e.elts.some((el) => el.key !== null))
      fail(e.pos, 'mixture of field:value and value elements in struct literal');
    const values: (Element | null)[] = u.fields.map(() => null);
    if (keyed) {
      for (const el of e.elts) {
        const k = el.key as Expr;
        if (k.k !== 'ident') fail(k.pos, `invalid field name ${exprString(k)} in struct literal`);
        const i = u.fields.findIndex((f) => f.name === k.name);
        if (i < 0)
          fail(k.pos, `unknown field ${k.name} in struct literal of type ${typeString(type)}`);
        if (values[i]) fail(k.pos, `duplicate field name ${k.name} in struct literal`);
        values[i] = el;
      }
    } else if (e.elts.length > 0) {
      if (e.elts.length < u.fields.length)
        fail(
          e.elts[e.elts.length - 1]?.pos ?? e.pos,
          `too few values in struct literal of type ${typeString(type)}`,
        );
      if (e.elts.length > u.fields.length)
        fail(
          e.elts[u.fields.length]?.pos ?? e.pos,
          `too many values in struct literal of type ${typeString(type)}`,
        );
      e.elts.forEach((el, i) => (values[i] = el));
    }
    u.fields.forEach((f, i) => {
      const el = values[i];
      if (el) this.convert(this.expr(el.value, f.type), f.type, el.value, 'struct literal');
      else this.emit(Op.Zero, e.pos, 0, 0, f.type);
    });
    this.emit(Op.StructLit, e.pos, u.fields.length, 0, type);
  }

  private funcLit(e: Expr & { k: 'funclit' }): Operand {
    const type = this.funcType(e.sig);
    const parent = this.fnc;
    const id = this.reserveFunc();
    parent.closures++;
    const name = parent.parent
      ? `${parent.name}.${parent.closures}`
      : `${parent.name}.func${parent.closures}`;
    const f = new FnCtx(name, type, parent, findEscapes(e.sig, null, e.body));
    this.vetParams('func', e.sig.params, type.params, null, null);
    // the closure's own locals escape by its own analysis; the outer function's captured
    // variables were already boxed by the outer analysis
    const savedScope = this.scope;
    this.fnc = f;
    this.scope = new Scope(savedScope);
    const params = e.sig.params.map((p, i) => ({
      id: p.name ? { name: p.name, pos: p.pos } : null,
      type: type.params[i] as Type,
    }));
    this.body(f, id, params, e.sig, type, e.body, e.pos, true);
    this.fnc = parent;
    this.scope = savedScope;
    for (const sym of f.captureOrder) this.emit(Op.Load, e.pos, this.slotFor(sym, parent));
    this.emit(Op.Closure, e.pos, id, f.captureOrder.length);
    return { mode: 'value', type };
  }

  // ---- index, slice, unary -------------------------------------------------------------

  /** An array type's length: a constant, non-negative integer. */
  /**
   * Where each element of an array or slice literal goes: after the previous one, or at its
   * constant index (`[...]string{Done: "done"}`); the literal's length (the highest index plus
   * one); `length` is the array's (-1 for a slice or [...]). types2's errors.
   */
  private elementIndexes(
    elts: readonly { readonly key: Expr | null; readonly pos: Pos }[],
    length: number,
  ): { at: number[]; len: number; keyed: boolean } {
    const at: number[] = [];
    const seen = new Set<number>();
    let index = 0;
    let max = 0;
    for (const el of elts) {
      if (el.key) {
        const c = this.constValue(el.key);
        if (!c || !isIntValue(c.value))
          fail(el.key.pos, `index ${exprString(el.key)} must be integer constant`);
        if (c.value < 0)
          fail(el.key.pos, `invalid argument: index ${exprString(el.key)} must not be negative`);
        if (length >= 0 && c.value >= length)
          fail(el.key.pos, `invalid argument: index ${c.value} out of bounds [0:${length}]`);
        if (typeof c.value === 'bigint') unsupported(el.key.pos, `an index past 2^53`);
        index = c.value;
      } else if (length >= 0 && index >= length)
        fail(el.pos, `index ${index} is out of bounds (>= ${length})`);
      if (seen.has(index)) fail(el.pos, `duplicate index ${index} in array or slice literal`);
      seen.add(index);
      at.push(index);
      index++;
      if (index > max) max = index;
    }
    return { at, len: max, keyed: elts.some((el) => el.key !== null) };
  }

  private arrayLength(e: Expr): number {
    const c = this.constValue(e);
    if (!c) {
      const sym = e.k === 'ident' ? this.scope.lookup(e.name) : null;
      const what = sym?.k === 'var' ? `variable of type ${typeString(sym.type)}` : 'value';
      fail(e.pos, `array length ${exprString(e)} (${what}) must be constant`);
    }
    if (!isIntValue(c.value)) fail(e.pos, `array length ${exprString(e)} must be integer`);
    if (c.value < 0) fail(e.pos, `invalid array length ${exprString(e)}`);
    if (typeof c.value === 'bigint') unsupported(e.pos, `an array of ${c.value} elements`);
    return c.value;
  }

  /**
   * For an array (or a pointer to one) on the stack: its elements as a slice, so that index,
   * range and slicing work as on a slice (they share the array's storage, as a[:] does).
   * Returns the element type, or null if x is no array; a constant index is checked here.
   */
  private arrayView(t: Type, pos: Pos, index?: Expr): Type | null {
    let u = under(t);
    if (u.k === 'ptr' && under(u.elem).k === 'array') {
      this.emit(Op.Dup, pos, 1);
      this.emit(Op.IsNil, pos);
      this.nilCheck(pos);
      u = under(u.elem);
    }
    if (u.k !== 'array') return null;
    const c = index ? this.constValue(index) : null;
    if (c && isNum(c.value) && (c.value < 0 || c.value >= u.len))
      fail(index?.pos ?? pos, `invalid argument: index ${c.value} out of bounds [0:${u.len}]`);
    this.emit(Op.ArrayView, pos, u.len);
    return u.elem;
  }

  /** A struct or array key (on the stack) made into the one value the map holds it as. */
  private mapKey(key: Type, pos: Pos): void {
    if (isComposite(key)) this.emit(Op.MapKey, pos, 0, 0, key);
  }

  private index(e: Expr & { k: 'index' }): Operand {
    const xop = this.expr(e.x);
    const ae = this.arrayView(xop.type, e.pos, e.index);
    if (ae) {
      this.intIndex(e.index);
      this.emitVisible(Op.Index, e.pos, 'read array element');
      // an element of an array value (a call's result) is a value, not a variable
      const viaPtr = under(xop.type).k === 'ptr';
      return { mode: 'value', type: ae, addressable: viaPtr || this.addressable(e.x) };
    }
    const u = under(xop.type);
    if (u.k === 'map') {
      this.convert(this.expr(e.index, u.key), u.key, e.index, 'map index');
      this.mapKey(u.key, e.index.pos);
      const ins = this.emitVisible(Op.MapGet, e.pos, 'map read', 0, 0, {
        zero: u.elem,
        name: this.placeName(e.x),
      });
      return { mode: 'value', type: u.elem, mapIndex: true, commaOk: ins };
    }
    if (u.k === 'slice') {
      this.intIndex(e.index);
      this.emitVisible(Op.Index, e.pos, 'read slice element');
      return { mode: 'value', type: u.elem, addressable: true };
    }
    if (isString(xop.type)) {
      const c = xop.mode === 'const' && typeof xop.value === 'string' ? xop.value : null;
      this.intIndex(e.index, c === null ? -1 : new TextEncoder().encode(c).length);
      this.emit(Op.Index, e.pos);
      return { mode: 'value', type: T.uint8 };
    }
    if (u.k === 'ptr' && under(u.elem).k === 'slice')
      fail(e.pos, `invalid operation: cannot index ${this.describe(e.x, xop)}`);
    fail(e.pos, `invalid operation: cannot index ${this.describe(e.x, xop)}`);
  }

  private sliceExpr(e: Expr & { k: 'slice' }): Operand {
    const xop = this.expr(e.x);
    // an array is sliced through its view as a slice, so it must be addressable
    const ae = this.arrayView(xop.type, e.pos);
    if (ae && under(xop.type).k === 'array' && !this.addressable(e.x))
      fail(e.pos, `invalid operation: ${exprString(e.x)} (slice of unaddressable value)`);
    if (!ae && under(xop.type).k !== 'slice' && !isString(xop.type))
      fail(e.pos, `cannot slice ${this.describe(e.x, xop)}`);
    if (e.max && isString(xop.type)) fail(e.pos, `invalid operation: 3-index slice of string`);
    // the length, where it is known before running: an array's, a constant string's
    const xu = under(xop.type);
    const arr =
      xu.k === 'array'
        ? xu
        : xu.k === 'ptr' && under(xu.elem).k === 'array'
          ? under(xu.elem)
          : null;
    const length =
      arr?.k === 'array'
        ? arr.len
        : xop.mode === 'const' && typeof xop.value === 'string'
          ? new TextEncoder().encode(xop.value).length
          : -1;
    let mask = 0;
    const ind: [number, Expr][] = [];
    [e.lo, e.hi, e.max].forEach((b, i) => {
      if (!b) return;
      mask |= 1 << i;
      ind.push([this.intIndex(b, length >= 0 ? length + 1 : -1), b]);
    });
    // constant indices in order (types2's check)
    for (let i = 0; i < ind.length; i++) {
      const x = (ind[i] as [number, Expr])[0];
      if (x <= 0) continue;
      const later = ind.slice(i + 1).find(([y]) => y >= 0 && y < x);
      if (later) fail(later[1].pos, `invalid slice indices: ${later[0]} < ${x}`);
    }
    this.emit(Op.SliceX, e.pos, mask);
    if (ae) return { mode: 'value', type: { k: 'slice', elem: ae } };
    return { mode: 'value', type: isString(xop.type) && isUntyped(xop.type) ? T.string : xop.type };
  }

  private unary(e: Expr & { k: 'unary' }, hint?: Type): Operand {
    switch (e.op) {
      case '<-':
        return this.receive(e);
      case '&':
        return this.addressOf(e.x, hint);
      case '*': {
        const op = this.expr(e.x);
        if (op.mode === 'nil') fail(e.pos, 'invalid operation: cannot indirect nil');
        const u = under(op.type);
        if (u.k !== 'ptr')
          fail(e.pos, `invalid operation: cannot indirect ${this.describe(e.x, op)}`);
        if (isStructLike(u.elem)) {
          // the struct itself is the value; only check it is there
          this.emit(Op.Dup, e.pos, 1);
          this.emit(Op.IsNil, e.pos);
          this.nilCheck(e.pos);
        } else this.emitVisible(Op.LoadP, e.pos, 'read through pointer');
        return { mode: 'value', type: u.elem, addressable: true };
      }
      case '-':
      case '+':
      case '!':
      case '^': {
        const op = this.expr(e.x, hint);
        if (e.op === '!' && !isBoolean(op.type))
          fail(e.pos, `invalid operation: operator ! not defined on ${this.describe(e.x, op)}`);
        if ((e.op === '-' || e.op === '+') && !isNumeric(op.type))
          fail(
            e.pos,
            `invalid operation: operator ${e.op} not defined on ${this.describe(e.x, op)}`,
          );
        if (e.op === '^' && !isInteger(op.type))
          fail(e.pos, `invalid operation: operator ^ not defined on ${this.describe(e.x, op)}`);
        if (e.op !== '+')
          this.emit(
            Op.Un,
            e.pos,
            e.op === '-' ? UnOp.Neg : e.op === '!' ? UnOp.Not : UnOp.BitNot,
            0,
            this.numKind(op.type),
          );
        return { mode: 'value', type: op.type };
      }
    }
    unsupported(e.pos, `the unary operator ${e.op}`);
  }

  /** Panic with Go's nil-dereference error if the bool on the stack is true. */
  private nilCheck(pos: Pos): void {
    const j = this.emit(Op.JmpF, pos);
    this.emit(Op.Native, pos, 0, 0, { name: 'runtime.nilpanic', place: null });
    this.patch(j, this.here());
  }

  private addressOf(x: Expr, hint?: Type): Operand {
    const e = x.k === 'paren' ? x.x : x;
    if (e.k === 'composite') {
      const inner = hint && under(hint).k === 'ptr' ? (under(hint) as { elem: Type }).elem : null;
      const op = this.composite(e, inner);
      if (!isStructLike(op.type)) this.emit(Op.Box, e.pos);
      return { mode: 'value', type: { k: 'ptr', elem: op.type } };
    }
    if (e.k === 'ident') {
      const sym = this.scope.lookup(e.name);
      if (sym?.k === 'var') {
        sym.used = true;
        if (isStructLike(sym.type)) this.loadVarRef(sym, e.pos);
        else if (sym.owner === null) this.emit(Op.Global, e.pos, sym.slot);
        else {
          if (!sym.boxed) throw new Error(`internal: &${sym.name} of an unboxed variable`);
          this.emit(Op.Load, e.pos, this.slotFor(sym, this.fnc));
        }
        return { mode: 'value', type: { k: 'ptr', elem: sym.type } };
      }
    }
    if (e.k === 'selector' && !this.pkgOf(e.x)) {
      const xt = this.peekType(e.x);
      const found = this.lookupField(xt, e.sel);
      if (found?.kind === 'field') {
        const base = this.structRef(e.x, found.path, e.pos, false);
        if (base.mapIndex)
          fail(
            x.pos,
            `invalid operation: cannot take address of ${exprString(e)} (value of type ${typeString(found.type)})`,
          );
        this.emit(isStructLike(found.type) ? Op.FieldS : Op.FieldP, e.pos, found.index);
        return { mode: 'value', type: { k: 'ptr', elem: found.type } };
      }
    }
    if (e.k === 'index') {
      const xt = this.peekType(e.x);
      const u = under(xt);
      if (u.k === 'slice') {
        this.expr(e.x);
        this.intIndex(e.index);
        if (isStructLike(u.elem)) this.emitVisible(Op.Index, e.pos, 'read slice element');
        else this.emit(Op.IndexP, e.pos);
        return { mode: 'value', type: { k: 'ptr', elem: u.elem } };
      }
      if (u.k === 'map')
        fail(
          x.pos,
          `invalid operation: cannot take address of ${exprString(e)} (map index expression of type ${typeString(u.elem)})`,
        );
      // an element of an addressable array, or of *array: through the array's view as a slice
      if (
        (u.k === 'array' && this.addressable(e.x)) ||
        (u.k === 'ptr' && under(u.elem).k === 'array')
      ) {
        const elem = this.arrayView(this.expr(e.x).type, e.pos, e.index) as Type;
        this.intIndex(e.index);
        if (isStructLike(elem)) this.emitVisible(Op.Index, e.pos, 'read array element');
        else this.emit(Op.IndexP, e.pos);
        return { mode: 'value', type: { k: 'ptr', elem } };
      }
    }
    if (e.k === 'unary' && e.op === '*') {
      const op = this.expr(e.x);
      return { mode: 'value', type: op.type };
    }
    const op = this.peekOperand(e);
    fail(x.pos, `invalid operation: cannot take address of ${this.describe(e, op)}`);
  }

  private assertExpr(e: Expr & { k: 'assert' }): Operand {
    if (!e.t) fail(e.pos, 'invalid syntax tree: use of .(type) outside type switch');
    const xop = this.expr(e.x);
    if (!isInterface(xop.type))
      fail(
        e.x.pos,
        `invalid operation: ${exprString(e.x)} (${this.describeMode(e.x, xop)}) is not an interface`,
      );
    const t = this.resolveType(e.t);
    if (!isInterface(t)) {
      const why = this.implements(t, xop.type);
      if (why)
        fail(
          e.t.pos,
          `impossible type assertion: ${exprString(e)}\n\t${typeString(t)} does not implement ${typeString(xop.type)} ${why}`,
        );
    }
    const ins = this.emit(Op.Assert, e.pos, 0, 0, { t, iface: xop.type });
    return { mode: 'value', type: t, commaOk: ins };
  }

  // ---- binary operators ----------------------------------------------------------------

  private binary(e: Expr & { k: 'binary' }, hint?: Type): Operand {
    if (e.op === '&&' || e.op === '||') {
      const x = this.expr(e.x);
      // (as types2: operands of different types are a mismatch before the operator is checked)
      const py = this.peekOperand(e.y);
      const same =
        identical(x.type, py.type) ||
        (isBoolean(x.type) && isBoolean(py.type) && (isUntyped(x.type) || isUntyped(py.type))) ||
        (isNumeric(x.type) && isNumeric(py.type) && (isUntyped(x.type) || isUntyped(py.type)));
      if (!same)
        fail(
          e.x.pos,
          `invalid operation: ${exprString(e)} (mismatched types ${typeString(x.type)} and ${typeString(py.type)})`,
        );
      if (!isBoolean(x.type))
        fail(
          e.x.pos,
          `invalid operation: operator ${e.op} not defined on ${this.describe(e.x, x)}`,
        );
      const j = this.emit(e.op === '&&' ? Op.JmpF : Op.JmpT, e.opPos);
      const y = this.expr(e.y);
      if (!isBoolean(y.type))
        fail(
          e.y.pos,
          `invalid operation: operator ${e.op} not defined on ${this.describe(e.y, y)}`,
        );
      const jend = this.emit(Op.Jmp, e.opPos);
      this.patch(j, this.here());
      this.emit(Op.Push, e.opPos, 0, 0, e.op === '||');
      this.patch(jend, this.here());
      const t = !isUntyped(x.type) ? x.type : !isUntyped(y.type) ? y.type : T.untypedBool;
      return { mode: 'value', type: t };
    }
    const shift = e.op === '<<' || e.op === '>>';
    const px = this.peekOperand(e.x);
    const py = this.peekOperand(e.y);
    const comparison = ['==', '!=', '<', '<=', '>', '>='].includes(e.op);
    const typedX =
      px.mode !== 'const' && px.mode !== 'nil' ? px.type : !isUntyped(px.type) ? px.type : null;
    const typedY =
      py.mode !== 'const' && py.mode !== 'nil' ? py.type : !isUntyped(py.type) ? py.type : null;
    const hx = shift ? (hint ?? undefined) : (typedY ?? (comparison ? undefined : hint));
    const hy = shift ? T.uint8 : (typedX ?? (comparison ? undefined : hint));
    const x = this.expr(e.x, hx);
    const y = this.expr(e.y, shift ? undefined : hy);
    return this.binaryOn(e.op, x, y, e.x, e.y, e.opPos, hint);
  }

  /**
   * Both operands are on the stack; type-check and emit the operator.
   * @param hint the type the context wants, which a non-constant shift of a constant takes
   */
  private binaryOn(
    op: string,
    x: Operand,
    y: Operand,
    ex: Expr,
    ey: Expr,
    pos: Pos,
    hint?: Type,
  ): Operand {
    const opText = `${exprString(ex)} ${op} ${exprString(ey)}`;
    const code = BIN_OPS[op];
    if (code === undefined) unsupported(pos, `the operator ${op}`);
    if (op === '<<' || op === '>>') {
      if (!isInteger(y.type) && !(y.mode === 'const' && isIntValue(y.value)))
        fail(ey.pos, `invalid operation: shift count ${this.describe(ey, y)} must be integer`);
      if (y.mode === 'const' && isNum(y.value) && y.value < 0)
        fail(ey.pos, `invalid shift count ${exprString(ey)} (untyped int constant)`);
      // (the spec: a constant shifted by a non-constant count is first converted to the type
      // it would take alone there, as strconv.FormatInt(1<<n, 16) makes it an int64)
      const context = hint && under(hint).k === 'basic' && !isUntyped(hint) ? hint : null;
      if (isUntyped(x.type) && context && !isInteger(context))
        fail(
          ex.pos,
          `invalid operation: shifted operand ${exprString(ex)} (type ${typeString(context)}) must be integer`,
        );
      const t = isUntyped(x.type) ? (context ?? T.int) : x.type;
      if (!isInteger(t))
        fail(ex.pos, `invalid operation: shifted operand ${this.describe(ex, x)} must be integer`);
      this.emit(Op.Bin, pos, code, 0, this.numKind(t));
      return { mode: 'value', type: t };
    }
    if (op === '==' || op === '!=') return this.equality(op, x, y, ex, ey, pos, opText);
    let t: Type;
    if (!isUntyped(x.type) && !isUntyped(y.type)) {
      if (!identical(x.type, y.type))
        fail(
          ex.pos,
          `invalid operation: ${opText} (mismatched types ${typeString(x.type)} and ${typeString(y.type)})`,
        );
      t = x.type;
    } else if (!isUntyped(x.type)) {
      t = x.type;
      this.checkConstFits(y, t, ey, ex, opText);
    } else if (!isUntyped(y.type)) {
      t = y.type;
      this.checkConstFits(x, t, ex, ex, opText);
    } else {
      t =
        isString(x.type) || isString(y.type)
          ? T.string
          : isFloat(x.type) || isFloat(y.type)
            ? T.float64
            : T.int;
      if (isBoolean(x.type) && isBoolean(y.type)) t = T.bool;
    }
    const ordered = op === '<' || op === '<=' || op === '>' || op === '>=';
    if (ordered) {
      if (!isNumeric(t) && !isString(t))
        fail(
          ex.pos,
          `invalid operation: ${opText} (operator ${op} not defined on ${this.operandWord(ex, x)})`,
        );
      this.emit(Op.Bin, pos, code, 0, this.numKind(t));
      return { mode: 'value', type: T.untypedBool };
    }
    const okForOp =
      op === '+'
        ? isNumeric(t) || isString(t)
        : op === '%' || op === '&' || op === '|' || op === '^' || op === '&^'
          ? isInteger(t)
          : isNumeric(t);
    if (!okForOp)
      fail(ex.pos, `invalid operation: operator ${op} not defined on ${this.describe(ex, x)}`);
    if ((op === '/' || op === '%') && y.mode === 'const' && y.value === 0 && isInteger(t))
      fail(ey.pos, 'invalid operation: division by zero');
    this.emit(Op.Bin, pos, code, 0, this.numKind(t));
    return { mode: 'value', type: t };
  }

  private operandWord(e: Expr, op: Operand): string {
    const u = under(op.type);
    if (u.k === 'struct') return 'struct';
    if (u.k === 'iface') return 'interface';
    if (u.k === 'ptr') return 'pointer';
    if (u.k === 'map') return 'map';
    if (u.k === 'slice') return 'slice';
    if (u.k === 'func') return 'func';
    return this.describe(e, op);
  }

  /**
   * The untyped operand c of a binary operation (expression e; `left` is the operation's left
   * operand, where types2 reports mismatched types) fits the other operand's type t: as types2's
   * matchTypes, an untyped operand of another kind (a string with a number) is a mismatch,
   * named in the operands' order; a number that t cannot hold overflows it or is truncated.
   */
  private checkConstFits(c: Operand, t: Type, e: Expr, left: Expr, opText: string): void {
    if (c.mode === 'nil') return;
    const mismatch = () =>
      fail(
        left.pos,
        `invalid operation: ${opText} (mismatched types ${
          e === left
            ? `${typeString(c.type)} and ${typeString(t)}`
            : `${typeString(t)} and ${typeString(c.type)}`
        })`,
      );
    if (c.mode === 'const' && c.value !== undefined && !this.representable(c.value, c.type, t)) {
      const numbers = isNum(c.value) && isNumeric(t) && !isString(c.type);
      if (!numbers) mismatch();
      if (isInteger(t) && !isIntValue(c.value))
        fail(e.pos, `${this.describe(e, c)} truncated to ${typeString(t)}`);
      fail(e.pos, `${this.describe(e, c)} overflows ${typeString(t)}`);
    }
    if (c.mode !== 'const' && isUntyped(c.type) && !(isBoolean(c.type) && isBoolean(t))) mismatch();
  }

  private equality(
    op: string,
    x: Operand,
    y: Operand,
    ex: Expr,
    ey: Expr,
    pos: Pos,
    opText: string,
  ): Operand {
    const code = op === '==' ? BinOp.Eq : BinOp.Ne;
    if (x.mode === 'nil' || y.mode === 'nil') {
      const other = x.mode === 'nil' ? y : x;
      const oe = x.mode === 'nil' ? ey : ex;
      if (other.mode === 'nil')
        fail(pos, `invalid operation: ${opText} (operator ${op} not defined on nil)`);
      if (!isNillable(other.type))
        fail(
          oe.pos,
          `invalid operation: ${opText} (mismatched types ${typeString(other.type)} and untyped nil)`,
        );
      // one side is the constant nil: test the other
      if (y.mode === 'nil') this.emit(Op.Pop, pos);
      else {
        this.emit(Op.Swap, pos);
        this.emit(Op.Pop, pos);
      }
      this.emit(Op.IsNil, pos);
      if (op === '!=') this.emit(Op.Un, pos, UnOp.Not);
      return { mode: 'value', type: T.untypedBool };
    }
    let t: Type;
    if (isInterface(x.type) && !isInterface(y.type)) {
      if (this.implements(y.mode === 'const' ? defaultType(y.type) : y.type, x.type))
        fail(
          ex.pos,
          `invalid operation: ${opText} (mismatched types ${typeString(x.type)} and ${typeString(y.type)})`,
        );
      this.emit(Op.ToIface, pos, 0, 0, y.mode === 'const' ? defaultType(y.type) : y.type);
      t = x.type;
    } else if (isInterface(y.type) && !isInterface(x.type)) {
      if (this.implements(x.mode === 'const' ? defaultType(x.type) : x.type, y.type))
        fail(
          ex.pos,
          `invalid operation: ${opText} (mismatched types ${typeString(x.type)} and ${typeString(y.type)})`,
        );
      this.emit(Op.Swap, pos);
      this.emit(Op.ToIface, pos, 0, 0, x.mode === 'const' ? defaultType(x.type) : x.type);
      this.emit(Op.Swap, pos);
      t = y.type;
    } else if (!isUntyped(x.type) && !isUntyped(y.type)) {
      // (the spec: either operand assignable to the other's type: a chan int and a <-chan
      // int compare, as does a named pointer type with its unnamed one)
      if (
        !identical(x.type, y.type) &&
        !this.assignableType(x.type, y.type) &&
        !this.assignableType(y.type, x.type)
      )
        fail(
          ex.pos,
          `invalid operation: ${opText} (mismatched types ${typeString(x.type)} and ${typeString(y.type)})`,
        );
      t = x.type;
    } else if (!isUntyped(x.type)) {
      t = x.type;
      this.checkConstFits(y, t, ey, ex, opText);
    } else if (!isUntyped(y.type)) {
      t = y.type;
      this.checkConstFits(x, t, ex, ex, opText);
    } else t = defaultType(x.type);
    if (!comparable(t)) {
      const u = under(t);
      const what =
        u.k === 'slice' ? 'slice' : u.k === 'map' ? 'map' : u.k === 'func' ? 'func' : typeString(t);
      if (u.k === 'slice' || u.k === 'map' || u.k === 'func')
        fail(ex.pos, `invalid operation: ${opText} (${what} can only be compared to nil)`);
      fail(ex.pos, `invalid operation: ${opText} (${incomparableCause(t)})`);
    }
    this.emit(Op.Bin, pos, code, 0, this.numKind(t));
    return { mode: 'value', type: T.untypedBool };
  }

  /** What the runtime needs to know about an operand type for arithmetic and comparison. */
  private numKind(t: Type): { kind: string; bits: number; type: Type } {
    const u = under(t);
    if (u.k === 'basic') {
      const n = u.name;
      if (isString(u)) return { kind: 'string', bits: 0, type: t };
      if (isBoolean(u)) return { kind: 'bool', bits: 0, type: t };
      if (isFloat(u)) return { kind: 'float', bits: n === 'float32' ? 32 : 64, type: t };
      const bits = /(\d+)$/.exec(n)?.[1];
      return { kind: n.startsWith('u') ? 'uint' : 'int', bits: bits ? Number(bits) : 64, type: t };
    }
    return { kind: 'other', bits: 0, type: t };
  }

  // ---- constants -----------------------------------------------------------------------

  private constValue(e: Expr): { type: Type; value: ConstValue } | null {
    switch (e.k) {
      case 'int':
        return { type: T.untypedInt, value: e.value };
      case 'float':
        return { type: T.untypedFloat, value: e.value };
      case 'string':
        return { type: T.untypedString, value: e.value };
      case 'rune':
        return { type: T.untypedRune, value: e.value };
      case 'ident': {
        let s = this.scope.lookup(e.name);
        // (a package constant declared after the type or signature that uses it)
        const pending = s ? undefined : this.pendingConsts.get(e.name);
        if (pending) {
          this.packageConsts(pending);
          s = this.scope.lookup(e.name);
        }
        if (s?.k === 'const') return { type: s.type, value: s.value };
        if (!s && e.name === 'iota' && this.iota !== null)
          return { type: T.untypedInt, value: this.iota };
        if (!s && e.name === 'iota') fail(e.pos, 'cannot use iota outside constant declaration');
        return null;
      }
      case 'paren':
        return this.constValue(e.x);
      case 'selector': {
        if (e.x.k !== 'ident') return null;
        const s = this.scope.lookup(e.x.name);
        if (s?.k !== 'pkg') return null;
        const m = packages.get(s.path)?.get(e.sel);
        if (m?.k === 'const') {
          s.used = true;
          return { type: m.type, value: m.value };
        }
        return null;
      }
      case 'unary': {
        if (e.op === '&' || e.op === '*') return null;
        const x = this.constValue(e.x);
        if (!x) return null;
        if (e.op === '+' && isNum(x.value)) return x;
        if (e.op === '!' && typeof x.value === 'boolean') return { type: x.type, value: !x.value };
        if (e.op === '-' && typeof x.value === 'number' && !isInteger(x.type)) {
          // (-0.0 is 0: a constant's 0 has no sign)
          const v = -x.value;
          return { type: x.type, value: v === 0 ? 0 : v };
        }
        if ((e.op === '-' || e.op === '^') && isIntValue(x.value)) {
          // ^x is -x - 1, or for an unsigned type x's bits flipped (the spec's mask of 1s)
          const u = under(x.type);
          const bits = u.k === 'basic' ? Number(/(\d+)$/.exec(u.name)?.[1] ?? 64) : 64;
          const unsigned = u.k === 'basic' && /^uint/.test(u.name);
          const a = BigInt(x.value);
          let v = e.op === '-' ? -a : -a - 1n;
          if (e.op === '^' && unsigned) v = (1n << BigInt(bits)) - 1n - a;
          const value = isFloat(x.type) ? Number(v) : intConst(v);
          if (!isUntyped(x.type) && !this.representable(value, x.type, x.type))
            fail(e.pos, constOverflow(e, value, x.type));
          return { type: x.type, value };
        }
        return null;
      }
      case 'binary':
        return this.foldBinary(e);
      case 'call': {
        const fun = e.fun.k === 'paren' ? e.fun.x : e.fun;
        if (
          fun.k === 'ident' &&
          fun.name === 'len' &&
          this.scope.lookup('len')?.k === 'builtin' &&
          e.args.length === 1
        ) {
          const a = this.constValue(e.args[0] as Expr);
          if (a && typeof a.value === 'string') return { type: T.int, value: utf8Length(a.value) };
          return null;
        }
        if (e.args.length !== 1) return null;
        const to = this.asTypeQuiet(fun);
        if (!to || under(to).k !== 'basic') return null;
        const a = this.constValue(e.args[0] as Expr);
        if (!a) return null;
        // (a value that is no code point, negative or a surrogate, is U+FFFD)
        if (isString(to) && isNum(a.value) && isInteger(a.type))
          return { type: to, value: typeof a.value === 'bigint' ? '\ufffd' : runeText(a.value) };
        if (isInteger(to) && isNum(a.value) && isFloat(a.type) && !isUntyped(a.type)) return null;
        if (!this.representable(a.value, a.type, to)) {
          if (isNum(a.value) && isInteger(to) && !isIntValue(a.value))
            fail(
              e.args[0]?.pos ?? e.pos,
              `cannot convert ${this.describe(e.args[0] as Expr, { mode: 'const', type: a.type, value: a.value })} to type ${typeString(to)} (truncated)`,
            );
          // (Go 1.22, go.dev/issue/63563: an integer constant's only failure is overflow)
          if (isNum(a.value) && isInteger(a.type) && isInteger(to))
            fail(
              e.args[0]?.pos ?? e.pos,
              `constant ${constText(a.value, a.type)} overflows ${typeString(to)}`,
            );
          fail(
            e.args[0]?.pos ?? e.pos,
            `cannot convert ${this.describe(e.args[0] as Expr, { mode: 'const', type: a.type, value: a.value })} to type ${typeString(to)}`,
          );
        }
        return { type: to, value: this.normalizeConst(a.value, to) };
      }
      default:
        return null;
    }
  }

  private asTypeQuiet(x: Expr): Type | null {
    try {
      return this.asType(x);
    } catch {
      return null;
    }
  }

  private foldBinary(e: Expr & { k: 'binary' }): { type: Type; value: ConstValue } | null {
    const x = this.constValue(e.x);
    if (!x) return null;
    const y = this.constValue(e.y);
    if (!y) return null;
    const op = e.op;
    const text = `${exprString(e.x)} ${op} ${exprString(e.y)}`;
    if (op === '<<' || op === '>>') {
      if (!isNum(x.value) || !isNum(y.value)) fail(e.pos, `invalid operation: ${text}`);
      if (!isIntValue(x.value))
        fail(
          e.x.pos,
          `invalid operation: shifted operand ${this.describe(e.x, { mode: 'const', type: x.type, value: x.value })} must be integer`,
        );
      if (!isIntValue(y.value) || y.value < 0)
        fail(e.y.pos, `invalid shift count ${exprString(e.y)} (untyped int constant)`);
      // (types2's shiftBound, "so we can express smallestFloat64")
      if (y.value > 1074)
        fail(
          e.y.pos,
          `invalid operation: invalid shift count ${this.describe(e.y, { mode: 'const', type: y.type, value: y.value })}`,
        );
      const r =
        op === '<<' ? BigInt(x.value) << BigInt(y.value) : BigInt(x.value) >> BigInt(y.value);
      tooWide(r, op, e.opPos);
      const v = isFloat(x.type) ? Number(r) : intConst(r);
      if (!isUntyped(x.type) && !this.representable(v, x.type, x.type))
        fail(e.pos, constOverflow(e, v, x.type));
      return { type: x.type, value: v };
    }
    let t: Type;
    if (!isUntyped(x.type) && !isUntyped(y.type)) {
      if (!identical(x.type, y.type))
        fail(
          e.x.pos,
          `invalid operation: ${text} (mismatched types ${typeString(x.type)} and ${typeString(y.type)})`,
        );
      t = x.type;
    } else if (!isUntyped(x.type)) {
      const c = { mode: 'const' as const, type: y.type, value: y.value };
      this.checkConstFits(c, x.type, e.y, e.x, text);
      t = x.type;
    } else if (!isUntyped(y.type)) {
      const c = { mode: 'const' as const, type: x.type, value: x.value };
      this.checkConstFits(c, y.type, e.x, e.x, text);
      t = y.type;
    } else {
      const rank = (tt: Type) =>
        tt === T.untypedFloat ? 3 : tt === T.untypedRune ? 2 : tt === T.untypedInt ? 1 : 0;
      t = rank(x.type) >= rank(y.type) ? x.type : y.type;
      if (isString(x.type) !== isString(y.type) || isBoolean(x.type) !== isBoolean(y.type))
        fail(
          e.x.pos,
          `invalid operation: ${text} (mismatched types ${typeString(x.type)} and ${typeString(y.type)})`,
        );
    }
    const a = x.value;
    const b = y.value;
    if ((op === '&&' || op === '||') && !isBoolean(t))
      fail(
        e.x.pos,
        `invalid operation: operator ${op} not defined on ${this.describe(e.x, { mode: 'const', type: x.type, value: a })}`,
      );
    const cmp = (r: boolean) => ({ type: T.untypedBool, value: r });
    // (an integer past 2^53 is a bigint, a float a number: equal when neither is less)
    const same = isNum(a) && isNum(b) ? !(a < b) && !(a > b) : a === b;
    switch (op) {
      case '==':
        return cmp(same);
      case '!=':
        return cmp(!same);
      case '<':
        return cmp(a < b);
      case '<=':
        return cmp(a <= b);
      case '>':
        return cmp(a > b);
      case '>=':
        return cmp(a >= b);
      case '&&':
        return { type: t, value: a === true && b === true };
      case '||':
        return { type: t, value: a === true || b === true };
    }
    if (typeof a === 'string' && typeof b === 'string') {
      if (op === '+') return { type: t, value: a + b };
      fail(
        e.pos,
        `invalid operation: operator ${op} not defined on ${exprString(e.x)} (untyped string constant)`,
      );
    }
    if (!isNum(a) || !isNum(b))
      fail(
        e.pos,
        `invalid operation: operator ${op} not defined on ${exprString(e.x)} (untyped ${this.constKind(x.type)} constant)`,
      );
    const integer = isInteger(t);
    if ((op === '/' || op === '%') && b === 0) fail(e.y.pos, 'invalid operation: division by zero');
    if (integer) {
      if (op === '%' && (!isIntValue(a) || !isIntValue(b))) return null;
      // exactly, as Go's constants are (in BigInt: an untyped constant may pass 2^53)
      const r = bigOp(op, BigInt(a), BigInt(b), e.pos);
      tooWide(r, op, e.opPos);
      const v = intConst(r);
      if (!isUntyped(t) && !this.representable(v, t, t)) fail(e.pos, constOverflow(e, v, t));
      return { type: t, value: v };
    }
    const left = this.describe(e.x, { mode: 'const', type: x.type, value: a });
    return this.foldFloat(e, t, op, Number(a), Number(b), left);
  }

  /**
   * A constant float operation (no operand is a bigint here); `left` describes the left
   * operand, for the operators a float does not have.
   */
  private foldFloat(
    e: Expr & { k: 'binary' },
    t: Type,
    op: string,
    a: number,
    b: number,
    left: string,
  ): { type: Type; value: ConstValue } {
    let v: number;
    switch (op) {
      case '+':
        v = a + b;
        break;
      case '-':
        v = a - b;
        break;
      case '*':
        v = a * b;
        break;
      case '/':
        v = a / b;
        break;
      case '%':
      case '&':
      case '|':
      case '^':
      case '&^':
        return fail(e.pos, `invalid operation: operator ${op} not defined on ${left}`);
      default:
        unsupported(e.pos, `the operator ${op}`);
    }
    if (!isUntyped(t) && !this.representable(v, t, t)) fail(e.pos, constOverflow(e, v, t));
    // (a typed constant is rounded to its type: float32's 24 bits; Go's constants are exact
    // numbers, and 0 has no sign, so -1 * 0.0 is 0, not -0)
    v = this.normalizeConst(v, t) as number;
    return { type: t, value: v === 0 ? 0 : v };
  }

  private representable(value: ConstValue, from: Type, to: Type): boolean {
    const u = under(to);
    if (u.k === 'iface') return this.implements(defaultType(from), to) === null;
    if (u.k !== 'basic') return false;
    if (isInteger(u)) {
      if (!isIntValue(value)) return false;
      // (an untyped constant is exact to 512 bits here, as types2 keeps it)
      if (isUntyped(u)) return true;
      const bits = /(\d+)$/.exec(u.name)?.[1];
      const n = BigInt(bits ? Number(bits) : 64);
      const v = BigInt(value);
      if (u.name.startsWith('u')) return v >= 0n && v < 1n << n;
      return v >= -(1n << (n - 1n)) && v < 1n << (n - 1n);
    }
    if (isFloat(u)) return isNum(value);
    if (isString(u)) return typeof value === 'string';
    if (isBoolean(u)) return typeof value === 'boolean';
    return false;
  }

  private normalizeConst(value: ConstValue, to: Type): ConstValue {
    if (isNum(value) && isInteger(to)) return intConst(value);
    // (a float32 constant holds its value rounded to 24 bits, as types2 rounds it)
    if (isNum(value) && isFloat(to)) {
      const u = under(to);
      return u.k === 'basic' && u.name === 'float32' ? Math.fround(Number(value)) : Number(value);
    }
    return value;
  }

  // ---- assignability -------------------------------------------------------------------

  /** Check that op can be stored as target, and emit what the store needs (boxing, copying). */
  private convert(op: Operand, target: Type, e: Expr, context: string, copyStruct = true): void {
    if (op.mode === 'void') fail(e.pos, `${exprString(e)} (no value) used as value`);
    if (op.mode === 'tuple')
      fail(
        e.pos,
        `multiple-value ${exprString(e)} (value of type ${typeString(op.type)}) in single-value context`,
      );
    // (types2: an untyped constant stored in an interface is first converted to its default
    // type, which must hold it: fmt.Println(1 << 63) overflows int)
    const untypedNum =
      op.mode === 'const' && isNum(op.value) && isUntyped(op.type) && isNumeric(op.type);
    const to =
      untypedNum &&
      isInterface(target) &&
      !this.representable(op.value as number, op.type, defaultType(op.type))
        ? defaultType(op.type)
        : target;
    const why = to === target ? this.assignError(op, target) : '';
    if (why !== null) {
      // (types2: an untyped number the type cannot hold is truncated or overflows it)
      const number = untypedNum && isNumeric(to);
      const how = !number
        ? why
        : isInteger(to) && !isIntValue(op.value)
          ? ' (truncated)'
          : ' (overflows)';
      fail(
        e.pos,
        `cannot use ${this.describe(e, op)} as ${typeString(to)} value in ${context}${how}`,
      );
    }
    this.vetCopy(op, target, e, context);
    if (isInterface(target) && !isInterface(op.type) && op.mode !== 'nil') {
      const dyn =
        op.mode === 'const'
          ? defaultType(op.type)
          : isUntyped(op.type)
            ? defaultType(op.type)
            : op.type;
      if (isStructLike(dyn) && !op.fresh) this.emit(Op.Copy, e.pos);
      this.emit(Op.ToIface, e.pos, 0, 0, dyn);
      return;
    }
    if (copyStruct && isStructLike(target) && !op.fresh) this.emit(Op.Copy, e.pos);
  }

  /**
   * go vet's copylocks: a value holding a lock copied by an assignment, call, return or
   * literal. Fresh values (composite literals, call results) are not copies of anything.
   */
  private vetCopy(op: Operand, target: Type, e: Expr, context: string): void {
    if (op.mode !== 'value' || op.fresh) return;
    let x = e;
    while (x.k === 'paren') x = x.x;
    if (
      x.k === 'composite' ||
      x.k === 'call' ||
      x.k === 'funclit' ||
      (x.k === 'unary' && x.op === '&')
    )
      return;
    const t = isInterface(target) ? op.type : target;
    const path = lockPath(t);
    if (!path) return;
    let msg: string;
    if (context.startsWith('argument to '))
      msg = `call of ${context.slice('argument to '.length)} copies lock value: ${path}`;
    else if (context === 'return statement') msg = `return copies lock value: ${path}`;
    else if (context.endsWith('literal'))
      msg = `literal copies lock value from ${exprString(e)}: ${path}`;
    else if (context === 'range')
      msg = `range var ${this.assignTarget ?? exprString(e)} copies lock: ${path}`;
    else if (this.assignTarget && context === 'variable declaration')
      msg = `variable declaration copies lock value to ${this.assignTarget}: ${path}`;
    else if (this.assignTarget)
      msg = `assignment copies lock value to ${this.assignTarget}: ${path}`;
    else return;
    // go vet reports at the copied value
    this.vet.push({ pos: e.pos, msg, kind: 'vet' });
  }

  private vetParams(
    fname: string,
    params: readonly Param[],
    types: readonly Type[],
    recv: Param | null,
    recvType: Type | null,
  ): void {
    if (recv && recvType) {
      const path = lockPath(recvType);
      if (path)
        this.vet.push({
          pos: recv.type.pos,
          msg: `${fname} passes lock by value: ${path}`,
          kind: 'vet',
        });
    }
    params.forEach((p, i) => {
      const path = lockPath(types[i] as Type);
      if (path)
        this.vet.push({
          pos: p.type.pos,
          msg: `${fname} passes lock by value: ${path}`,
          kind: 'vet',
        });
    });
  }

  /** null when assignable; otherwise the explanation gc appends (possibly empty). */
  /** The channel type of a send's, receive's or close's operand, with types2's errors. */
  private chanOf(x: Expr, op: Operand, what: 'send' | 'receive' | 'close'): Type & { k: 'chan' } {
    const u = under(op.type);
    const verb = what === 'send' ? 'send to' : what === 'receive' ? 'receive from' : 'close';
    if (u.k !== 'chan' || op.mode === 'nil')
      fail(x.pos, `invalid operation: cannot ${verb} non-channel ${this.describe(x, op)}`);
    if (what !== 'receive' && u.dir === 'recv')
      fail(x.pos, `invalid operation: cannot ${verb} receive-only channel ${this.describe(x, op)}`);
    if (what === 'receive' && u.dir === 'send')
      fail(x.pos, `invalid operation: cannot ${verb} send-only channel ${this.describe(x, op)}`);
    return u;
  }

  /** `<-ch`: one visible step (chan.recv; `v, ok := <-ch` asks it for two results). */
  private receive(e: Expr & { k: 'unary' }): Operand {
    const op = this.expr(e.x);
    const u = this.chanOf(e.x, op, 'receive');
    const ins = this.emitVisible(Op.Native, e.pos, 'receive', 1, 1, {
      name: 'chan.recv',
      place: this.placeName(e.x),
      zero: u.elem,
    });
    return { mode: 'value', type: u.elem, commaOk: ins };
  }

  /**
   * `select`: its channels (and the values to send) evaluated once, in source order, then one
   * visible step (chan.select) that answers the case taken (-1: default) with what a receive
   * got and its ok; each clause tests the answer, binds what it received and runs its body.
   * `break` leaves the select.
   */
  private selectStmt(s: Stmt & { k: 'select' }, label: string | null): void {
    const comms = s.cases.filter((c) => c.comm !== null);
    const defaults = s.cases.filter((c) => c.comm === null);
    if (defaults.length > 1) fail((defaults[1] as SelectClause).pos, 'multiple defaults in select');
    if (s.cases.length === 0) {
      // select {}: blocks for ever
      this.emitVisible(Op.Native, s.pos, 'select {}', 0, 0, {
        name: 'chan.selectNone',
        place: null,
      });
      return;
    }
    const cases: { send: boolean; zero: Type | null; place: string }[] = [];
    const elems: Type[] = [];
    let nargs = 0;
    for (const c of comms) {
      const comm = c.comm as SelectComm;
      if (comm.k === 'send') {
        const u = this.chanOf(comm.ch, this.expr(comm.ch), 'send');
        this.convert(this.expr(comm.value, u.elem), u.elem, comm.value, 'send');
        cases.push({ send: true, zero: null, place: this.placeName(comm.ch) });
        elems.push(u.elem);
        nargs += 2;
      } else {
        if (comm.lhs.length > 2)
          fail(
            comm.pos,
            `assignment mismatch: ${comm.lhs.length} variables but ${exprString(comm.x)} returns 2 values`,
          );
        const u = this.chanOf(comm.x.x, this.expr(comm.x.x), 'receive');
        cases.push({ send: false, zero: u.elem, place: this.placeName(comm.x.x) });
        elems.push(u.elem);
        nargs += 1;
      }
    }
    this.emitVisible(Op.Native, s.pos, 'select', nargs, 3, {
      name: 'chan.select',
      place: null,
      cases,
      hasDefault: defaults.length > 0,
    });
    const okSlot = this.fnc.newLocal(null, T.bool);
    const vSlot = this.fnc.newLocal(null, null);
    const idxSlot = this.fnc.newLocal(null, T.int);
    this.emit(Op.Store, s.pos, okSlot);
    this.emit(Op.Store, s.pos, vSlot);
    this.emit(Op.Store, s.pos, idxSlot);
    const l = this.loop(label, true);
    const ends: Instr[] = [];
    let k = 0;
    for (const c of s.cases) {
      const i = c.comm ? k++ : -1;
      this.beginStep();
      this.emit(Op.Load, c.pos, idxSlot);
      this.emit(Op.Push, c.pos, 0, 0, i);
      this.emit(Op.Bin, c.pos, BinOp.Eq, 0, { kind: 'int', type: T.int });
      const next = this.emit(Op.JmpF, c.pos);
      const saved = this.scope;
      this.scope = new Scope(saved);
      this.fnc.pendingStep = true;
      if (c.comm?.k === 'recv' && c.comm.lhs.length > 0)
        this.bindReceived(c.comm, elems[i] as Type, vSlot, okSlot);
      this.stmts(c.body);
      this.scope = saved;
      const j = this.emit(Op.Jmp, s.end);
      j.st = false;
      ends.push(j);
      this.patch(next, this.here());
    }
    const end = this.here();
    for (const j of ends) this.patch(j, end);
    this.endLoop(l, end, end);
  }

  /** A select case's `v, ok := <-ch` or `v, ok = <-ch`: what it received, from the hidden locals. */
  private bindReceived(
    comm: SelectComm & { k: 'recv' },
    elem: Type,
    vSlot: number,
    okSlot: number,
  ): void {
    const pos = comm.pos;
    comm.lhs.forEach((e, j) => {
      const t = j === 0 ? elem : T.bool;
      const slot = j === 0 ? vSlot : okSlot;
      if (comm.define) {
        if (e.k !== 'ident') fail(e.pos, `non-name ${exprString(e)} on left side of :=`);
        if (e.name === '_') return;
        this.emit(Op.Load, pos, slot);
        if (isStructLike(t)) this.emit(Op.Copy, pos);
        this.declareFromStack(e, t, pos);
        return;
      }
      this.assignFromSlot(e, t, slot, pos, 'assignment');
    });
  }

  /** `ch <- v`: one visible step. */
  private send(s: Stmt & { k: 'send' }): void {
    const op = this.expr(s.ch);
    const u = this.chanOf(s.ch, op, 'send');
    this.convert(this.expr(s.value, u.elem), u.elem, s.value, 'send');
    this.emitVisible(Op.Native, s.pos, 'send', 2, 0, {
      name: 'chan.send',
      place: this.placeName(s.ch),
    });
  }

  private assignError(op: Operand, target: Type): string | null {
    if (op.mode === 'nil') return isNillable(target) ? null : '';
    if (op.mode === 'const' && op.value !== undefined && isUntyped(op.type)) {
      if (isInterface(target)) {
        const why = this.implements(defaultType(op.type), target);
        return why === null
          ? null
          : `: ${typeString(defaultType(op.type))} does not implement ${typeString(target)} ${why}`;
      }
      return this.representable(op.value, op.type, target) ? null : '';
    }
    if (this.assignableType(op.type, target)) return null;
    if (isInterface(target)) {
      const why = this.implements(op.type, target);
      if (why) return `: ${typeString(op.type)} does not implement ${typeString(target)} ${why}`;
    }
    // (types2: an interface value where a type that implements it is wanted)
    if (isInterface(op.type) && !isInterface(target) && this.implements(target, op.type) === null)
      return ': need type assertion';
    return '';
  }

  private assignableType(from: Type, to: Type): boolean {
    if (identical(from, to)) return true;
    if (from.k === 'basic' && from.name === 'untyped nil') return isNillable(to);
    if (isUntyped(from)) {
      if (isInterface(to)) return this.implements(defaultType(from), to) === null;
      if (isBoolean(from)) return isBoolean(to);
      if (isString(from)) return isString(to);
      if (isNumeric(from)) return isNumeric(to);
    }
    const fu = under(from);
    const tu = under(to);
    if ((from.k !== 'named' || to.k !== 'named') && identical(fu, tu) && fu.k !== 'basic')
      return true;
    // a bidirectional channel where a directional one of the same element type is wanted
    if (
      (from.k !== 'named' || to.k !== 'named') &&
      fu.k === 'chan' &&
      tu.k === 'chan' &&
      fu.dir === 'both' &&
      identical(fu.elem, tu.elem)
    )
      return true;
    if (isInterface(to)) return this.implements(from, to) === null;
    return false;
  }

  /** null if t implements iface, else gc's parenthesised reason. */
  private implements(t: Type, iface: Type): string | null {
    const iu = under(iface);
    if (iu.k !== 'iface') return '';
    for (const [name, sig] of iu.methods) {
      if (isInterface(t)) {
        const has = (under(t) as InterfaceType).methods.get(name);
        if (!has) return `(missing method ${name})`;
        if (!identical(has, sig)) return `(wrong type for method ${name})`;
        continue;
      }
      const found = this.lookupField(t, name);
      if (!found || found.kind !== 'method') return `(missing method ${name})`;
      if (found.method.ptrRecv && t.k !== 'ptr' && found.path.length === 0)
        return `(method ${name} has pointer receiver)`;
      if (!identical(found.method.sig, sig))
        return `(wrong type for method ${name})\n\t\thave ${name}${sigParamsResults(found.method.sig)}\n\t\twant ${name}${sigParamsResults(sig)}`;
    }
    return null;
  }
}

/**
 * A type as go/types' typesSummary writes it in "have (...)": "number" for an untyped
 * numeric constant (no particular type implied), an untyped string or bool without "untyped".
 */
function summaryType(op: Operand): string {
  if (!isUntyped(op.type)) return typeString(op.type);
  const name = typeString(op.type);
  return /^untyped (int|float|rune)$/.test(name) ? 'number' : name.replace('untyped ', '');
}

/** Why t cannot be compared, as types2's comparableType says it: the first field that cannot. */
function incomparableCause(t: Type): string {
  const u = under(t);
  if (u.k === 'struct')
    for (const f of u.fields)
      if (!comparable(f.type)) return `struct containing ${typeString(f.type)} cannot be compared`;
  return `${typeString(t)} cannot be compared`;
}

/**
 * The methods (and for a struct, the fields) Go 1.23 gives some library types, for those whose
 * list is short: one that Interleave lacks is unsupported, not undefined (as exportedNames
 * does for packages).
 */
const goMethods: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  (
    [
      [
        'time.Time',
        'Add AddDate After AppendFormat Before Clock Compare Date Day Equal Format GoString Hour ISOWeek In IsDST IsZero Local Location MarshalJSON MarshalText Minute Month Nanosecond Round Second String Sub Truncate UTC Unix UnixMicro UnixMilli UnixNano Weekday Year YearDay Zone',
      ],
      [
        'time.Duration',
        'Abs Hours Microseconds Milliseconds Minutes Nanoseconds Round Seconds String Truncate',
      ],
      ['strings.Builder', 'Cap Grow Len Reset String Write WriteByte WriteRune WriteString'],
      [
        'bytes.Buffer',
        'Available AvailableBuffer Bytes Cap Grow Len Next Read ReadByte ReadBytes ReadFrom ReadRune ReadString Reset String Truncate UnreadByte UnreadRune Write WriteByte WriteRune WriteString WriteTo',
      ],
      ['strings.Replacer', 'Replace WriteString'],
      ['os.File', 'Close Name Read ReadString Stat Sync Write WriteString Fd'],
      // (http.Response's fields, then its methods)
      [
        'http.Response',
        'Status StatusCode Proto ProtoMajor ProtoMinor Header Body ContentLength TransferEncoding Close Uncompressed Trailer Request TLS Cookies Location ProtoAtLeast Write',
      ],
      ['io.ReadCloser', 'Close Read'],
      ['context.Context', 'Deadline Done Err Value'],
      [
        'rand.Rand',
        'ExpFloat64 Float32 Float64 Int Int31 Int31n Int63 Int63n Intn NormFloat64 Perm Read Seed Shuffle Uint32 Uint64',
      ],
    ] as const
  ).map(([t, ms]) => [t, new Set(ms.split(' '))]),
);

/** A path of edges from `start` back to it (start first), or null; edges in the order given. */
function cycleFrom<N>(start: N, edges: (n: N) => readonly N[]): N[] | null {
  const path: N[] = [];
  const visited = new Set<N>();
  const dfs = (n: N): boolean => {
    path.push(n);
    visited.add(n);
    for (const m of edges(n)) if (m === start || (!visited.has(m) && dfs(m))) return true;
    path.pop();
    return false;
  };
  return dfs(start) ? path : null;
}

/** An instruction of a wrapper, which has no source of its own. */
function wrapperIns(
  op: Op,
  a = 0,
  b = 0,
  c: unknown = null,
  st = false,
  lab: string | null = null,
): Instr {
  return { op, a, b, c, pos: { line: 0, col: 0 }, st, lab };
}

/** fmt's printing functions' types, parameter names included, as an error message shows them. */
const FMT_SIGNATURES: ReadonlyMap<string, string> = new Map([
  ['fmt.Println', 'func(a ...any) (n int, err error)'],
  ['fmt.Print', 'func(a ...any) (n int, err error)'],
  ['fmt.Printf', 'func(format string, a ...any) (n int, err error)'],
  ['fmt.Sprintln', 'func(a ...any) string'],
  ['fmt.Sprint', 'func(a ...any) string'],
  ['fmt.Sprintf', 'func(format string, a ...any) string'],
  ['fmt.Errorf', 'func(format string, a ...any) error'],
]);

/** types2's words for a typed constant that its type cannot hold (invalidConversion). */
function constOverflow(e: Expr, v: ConstValue, t: Type): string {
  return `${exprString(e)} (constant ${v} of type ${typeString(t)}) overflows ${typeString(t)}`;
}

/** Does a path to a promoted field or method go through an embedded pointer? */
function throughPointer(path: readonly number[]): boolean {
  return path.some((i) => i < 0);
}

/** vet's lockPath: how a type contains a lock, e.g. `command-line-arguments.Store contains sync.Mutex`. */
function lockPath(t: Type, seen = new Set<Type>()): string | null {
  if (seen.has(t)) return null;
  seen.add(t);
  // (copylock looks through arrays to their elements)
  const arr = under(t);
  if (arr.k === 'array') return lockPath(arr.elem, seen);
  const name = (x: Type) =>
    x.k === 'named' && x.pkg === 'main'
      ? `command-line-arguments.${x.name}${x.typeArgs ? `[${x.typeArgs.map((a) => typeString(a)).join(',')}]` : ''}`
      : typeString(x);
  if (t.k === 'named' && t.special) {
    if (t.special === 'mutex' || t.special === 'rwmutex') return typeString(t);
    // (Go 1.23's sync.Map starts with its mutex)
    if (t.special === 'syncmap') return 'sync.Map contains sync.Mutex';
    return `${typeString(t)} contains sync.noCopy`;
  }
  // (a Cond's and a Pool's first field is their noCopy)
  if (t === condType) return 'sync.Cond contains sync.noCopy';
  if (t === poolType) return 'sync.Pool contains sync.noCopy';
  // sync/atomic's types hold a noCopy of their own package's, which vet names by path
  // (atomic.Value has none: vet lets it be copied)
  if (isAtomicType(t) && t.name !== 'Value')
    return `sync/${typeString(t, true).replace(/\bmain\./g, 'command-line-arguments.')} contains sync/atomic.noCopy`;
  const u = under(t);
  if (u.k !== 'struct') return null;
  for (const f of u.fields) {
    const sub = lockPath(f.type, seen);
    if (sub) return t.k === 'named' ? `${name(t)} contains ${sub}` : sub;
  }
  return null;
}

function sigParams(sig: FuncType): string {
  return `(${sig.params.map((p, i) => (sig.variadic && i === sig.params.length - 1 && p.k === 'slice' ? `...${typeString(p.elem)}` : typeString(p))).join(', ')})`;
}

function sigParamsResults(sig: FuncType): string {
  const r = sig.results.map((t) => typeString(t));
  return `${sigParams(sig)}${r.length === 0 ? '' : r.length === 1 ? ` ${r[0]}` : ` (${r.join(', ')})`}`;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** maps.Keys(m), maps.Values(m) or maps.All(m): which, and the map (see Compiler.mapsSeq). */
interface MapsSeq {
  readonly of: 'Keys' | 'Values' | 'All';
  readonly m: Expr;
  readonly type: Type & { k: 'map' };
}

/** Go 1.23's sync/oncefunc.go, its type parameters written __T1 and __T2 (see onceCall). */
const ONCE_FUNCS = `package sync

func _() {
	_ = func(f func()) func() {
		var (
			once  __Once
			valid bool
			p     any
		)
		g := func() {
			defer func() {
				p = recover()
				if !valid {
					panic(p)
				}
			}()
			f()
			f = nil
			valid = true
		}
		return func() {
			once.Do(g)
			if !valid {
				panic(p)
			}
		}
	}
	_ = func(f func() __T1) func() __T1 {
		var (
			once   __Once
			valid  bool
			p      any
			result __T1
		)
		g := func() {
			defer func() {
				p = recover()
				if !valid {
					panic(p)
				}
			}()
			result = f()
			f = nil
			valid = true
		}
		return func() __T1 {
			once.Do(g)
			if !valid {
				panic(p)
			}
			return result
		}
	}
	_ = func(f func() (__T1, __T2)) func() (__T1, __T2) {
		var (
			once  __Once
			valid bool
			p     any
			r1    __T1
			r2    __T2
		)
		g := func() {
			defer func() {
				p = recover()
				if !valid {
					panic(p)
				}
			}()
			r1, r2 = f()
			f = nil
			valid = true
		}
		return func() (__T1, __T2) {
			once.Do(g)
			if !valid {
				panic(p)
			}
			return r1, r2
		}
	}
}
`;

/** Go 1.23's maps.Copy, Equal, EqualFunc and DeleteFunc (see mapsCall), in their order there. */
const MAPS_FUNCS = `package maps

func _() {
	_ = func(dst __M1, src __M2) {
		for k, v := range src {
			dst[k] = v
		}
	}
	_ = func(m1 __M1, m2 __M2) bool {
		if len(m1) != len(m2) {
			return false
		}
		for k, v1 := range m1 {
			if v2, ok := m2[k]; !ok || v1 != v2 {
				return false
			}
		}
		return true
	}
	_ = func(m1 __M1, m2 __M2, eq func(__V1, __V2) bool) bool {
		if len(m1) != len(m2) {
			return false
		}
		for k, v1 := range m1 {
			if v2, ok := m2[k]; !ok || !eq(v1, v2) {
				return false
			}
		}
		return true
	}
	_ = func(m __M, del func(__K, __V) bool) {
		for k, v := range m {
			if del(k, v) {
				delete(m, k)
			}
		}
	}
}
`;

/**
 * Go 1.23's slices.Delete, DeleteFunc, Insert and Compact (see slicesCall), in this order.
 * Insert copies v first where Go's checks whether v overlaps s and rotates in place: the same
 * result, by a different route only for a v that shares s's storage.
 */
const SLICES_FUNCS = `package slices

func _() {
	_ = func(s __S, i, j int) __S {
		_ = s[i:j:len(s)]
		if i == j {
			return s
		}
		oldlen := len(s)
		s = append(s[:i], s[j:]...)
		clear(s[len(s):oldlen])
		return s
	}
	_ = func(s __S, del func(__E) bool) __S {
		i := -1
		for k := range s {
			if del(s[k]) {
				i = k
				break
			}
		}
		if i == -1 {
			return s
		}
		for j := i + 1; j < len(s); j++ {
			if v := s[j]; !del(v) {
				s[i] = v
				i++
			}
		}
		clear(s[i:])
		return s[:i]
	}
	_ = func(s __S, i int, v ...__E) __S {
		_ = s[i:]
		m := len(v)
		if m == 0 {
			return s
		}
		n := len(s)
		if i == n {
			return append(s, v...)
		}
		if n+m > cap(s) {
			s2 := append(s[:i], make(__S, n+m-i)...)
			copy(s2[i:], v)
			copy(s2[i+m:], s[i:])
			return s2
		}
		v = append(__S(nil), v...)
		s = s[:n+m]
		copy(s[i+m:], s[i:])
		copy(s[i:], v)
		return s
	}
	_ = func(s __S) __S {
		if len(s) < 2 {
			return s
		}
		for k := 1; k < len(s); k++ {
			if s[k] == s[k-1] {
				s2 := s[k:]
				for k2 := 1; k2 < len(s2); k2++ {
					if s2[k2] != s2[k2-1] {
						s[k] = s2[k2]
						k++
					}
				}
				clear(s[k:])
				return s[:k]
			}
		}
		return s
	}
}
`;
const SLICES_FUNCS_ORDER = ['Delete', 'DeleteFunc', 'Insert', 'Compact'];
const MAPS_FUNCS_ORDER = ['Copy', 'Equal', 'EqualFunc', 'DeleteFunc'] as const;

function isMapsTemplate(sel: string): sel is (typeof MAPS_FUNCS_ORDER)[number] {
  return (MAPS_FUNCS_ORDER as readonly string[]).includes(sel);
}

const TEMPLATE_ORDER: Record<string, readonly string[]> = {
  [ONCE_FUNCS]: ['OnceFunc', 'OnceValue', 'OnceValues'],
  [MAPS_FUNCS]: MAPS_FUNCS_ORDER,
  [SLICES_FUNCS]: SLICES_FUNCS_ORDER,
};
const templates = new Map<string, readonly (Expr & { k: 'funclit' })[]>();

/** The function literal named `name` in a file of templates (each `_ = func…` in its _()). */
function goTemplate(file: string, name: string): Expr & { k: 'funclit' } {
  let lits = templates.get(file);
  if (!lits) {
    const decl = parseGo(file).decls[0];
    const body: readonly Stmt[] = decl?.k === 'func' ? (decl.body?.stmts ?? []) : [];
    lits = body.flatMap((st) =>
      st.k === 'assign' && st.rhs[0]?.k === 'funclit' ? [st.rhs[0]] : [],
    );
    templates.set(file, lits);
  }
  const lit = lits[TEMPLATE_ORDER[file]?.indexOf(name) ?? -1];
  if (!lit) throw new Error(`internal: no template ${name}`);
  return lit;
}

/** A copy of an AST node with every position in it set to pos (code compiled at a call). */
function relocate<T>(node: T, pos: Pos): T {
  if (Array.isArray(node)) return node.map((x: unknown) => relocate(x, pos)) as T;
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (typeof o.line === 'number' && typeof o.col === 'number') return pos as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = relocate(v, pos);
  return out as T;
}

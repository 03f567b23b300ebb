/**
 * The engine's instruction set: a small stack machine. A goroutine runs instructions until
 * it reaches one flagged as the start of a step, blocks, or ends; so a step is one Go
 * statement, or one of the sub-steps the runtime really takes (a map write's check / flag /
 * write / clear, a Lock's try / wait / acquire, one `range` element).
 */
import type { Diagnostic, Pos } from './source';
import type { FuncType, Type } from './types';

export const enum Op {
  /** push c */
  Push,
  Pop,
  /** duplicate the top a values */
  Dup,
  Swap,
  /** push L[a] */
  Load,
  /** L[a] = pop */
  Store,
  /** push the cell of global a (a Ref: a box, or the struct itself) */
  Global,
  /** v = pop; push a new box holding v (Ref(id, 0)) */
  Box,
  /** p = pop; push *p — a visible read */
  LoadP,
  /** v = pop; p = pop; *p = v — a visible write */
  StoreP,
  /** s = pop (struct ref); push &s.f[a] */
  FieldP,
  /** s = pop; push the owned struct held in field a (no memory access) */
  FieldS,
  /** s = pop; push s.f[a] — a visible read */
  LoadF,
  /** v = pop; s = pop; s.f[a] = v — a visible write */
  StoreF,
  /** s = pop (struct-like ref); push a deep copy */
  Copy,
  /** src = pop; dst = pop; *dst = *src (deep) — a visible write */
  CopyInto,
  /** push the zero value of type c */
  Zero,
  /** push a pointer to a new zero value of type c (new(T)) */
  New,
  /** pop values for fields b (field indices), alloc struct of type c, push ref */
  StructLit,
  /** pop a values, push a new slice of element type c */
  SliceLit,
  /**
   * an array or slice literal with indexes: pop a values (in source order), push c.len values
   * in index order, c.at[i] the index of value i, zero values of type c.zero elsewhere
   */
  Place,
  /** pop a key/value pairs, push a new map of type c */
  MapLit,
  /** binary operator a on operand type c */
  Bin,
  /** unary operator a */
  Un,
  /** numeric / string conversion: c = {from, to} */
  Conv,
  /** v = pop; push Iface(c, v) */
  ToIface,
  /** x = pop (iface); push x.(c) (a = 1: also push ok) */
  Assert,
  Jmp,
  /** pop bool; jump to a when false */
  JmpF,
  /** pop bool; jump to a when true */
  JmpT,
  /** call function a with b arguments */
  Call,
  /** f = below b arguments; call it */
  CallV,
  /** x = iface below b arguments; call its method c */
  CallI,
  /** return: a results are on the stack; b = 1 when the named result variables hold them */
  Ret,
  /** go: f below b arguments */
  Go,
  /** defer: f below b arguments */
  Defer,
  /** pop b captured cells; push a closure of function a */
  Closure,
  /** r = pop; push the method a bound to r */
  MethodVal,
  /** x = pop (iface); push its method c bound */
  IfaceMethodVal,
  /** library call c with a arguments and b results; may take several steps */
  Native,
  /** pop v; panic(v) */
  Panic,
  Recover,
  /** map read: k = pop, m = pop; push m[k] (a = 1: and ok); c = zero type */
  MapGet,
  /** v = pop (a struct or array of key type c); push it as a map key (see runtime/keys.ts) */
  MapKey,
  /** map write / delete, phase a (0 check, 1 flag, 2 write, 3 clear); b = 1 for delete */
  MapW,
  MapLen,
  /** make(map): push a new map of type c */
  MakeMap,
  /** range over a map: hidden locals a.. ; phase: init */
  RangeMapInit,
  /** next entry or jump to b; pushes key and value */
  RangeMapNext,
  /** range over a string: next rune or jump to b */
  RangeStrNext,
  /** i = pop; x = pop; push x[i] */
  Index,
  /** v = pop; i = pop; s = pop; s[i] = v */
  SetIndex,
  /** i = pop; s = pop; push &s[i] */
  IndexP,
  /** pop a values and a slice; push append(s, ...) */
  Append,
  /** t = pop; s = pop; push append(s, t...) */
  AppendSlice,
  /** slice expression; a = bitmask of present bounds (1 lo, 2 hi, 4 max) */
  SliceX,
  /** pop an array (a Ref to its object), push a slice over all of it: [0:a] */
  ArrayView,
  Len,
  Cap,
  /** make([]c, len[, cap]); a = 1 when cap is given */
  MakeSlice,
  /** push the value in the box held in L[a] — a visible read */
  LoadBox,
  /** v = pop; store v in the box held in L[a] — a visible write */
  StoreBox,
  /** v = pop; L[a] = a new box holding v */
  InitBox,
  /** L[a] = a new box holding the value of the old one (Go 1.22 per-iteration loop variables) */
  Rebox,
  /** x = pop; push x == nil (for any nillable x, interfaces included) */
  IsNil,
  Nop,
}

export const enum BinOp {
  Add,
  Sub,
  Mul,
  Div,
  Rem,
  And,
  Or,
  Xor,
  Shl,
  Shr,
  AndNot,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
}

export const enum UnOp {
  Neg,
  Not,
  BitNot,
}

export interface Instr {
  op: Op;
  a: number;
  b: number;
  c: unknown;
  readonly pos: Pos;
  /** starts a step */
  st: boolean;
  /** the sub-step's name for the UI ("map write: check writing flag") */
  lab: string | null;
}

export interface FuncCode {
  readonly id: number;
  /** Go's name for it in tracebacks: `main.main`, `main.(*Store).Add`, `main.main.func1` */
  readonly name: string;
  readonly pos: Pos;
  readonly end: Pos;
  readonly type: FuncType;
  /** locals: parameters first (receiver first for methods) */
  nlocals: number;
  readonly nparams: number;
  /** named results: their local slot and whether it holds a box, or null */
  namedResults: { slot: number; boxed: boolean }[] | null;
  /** for closures: the local slot each captured cell goes to, in capture order */
  captureSlots: number[];
  readonly code: Instr[];
  /** a wrapper around a library method (`sync.(*Mutex).Unlock`), shown as such in tracebacks */
  readonly native: boolean;
  /** local variable names by slot, for the UI's variable view */
  localNames: (string | null)[];
  /** local slots holding the boxes of watched variables (Escapes.watched), for the UI */
  watch: readonly number[];
  localTypes: (Type | null)[];
}

export interface GlobalVar {
  readonly name: string;
  readonly type: Type;
  readonly pos: Pos;
}

export interface Program {
  readonly funcs: readonly FuncCode[];
  /** runs global initialisers, then returns */
  readonly init: number;
  readonly main: number;
  readonly globals: readonly GlobalVar[];
  readonly source: string;
  /** imported packages, for the UI */
  readonly imports: readonly string[];
  /** wrapper functions around library calls, by `native/nargs` (e.g. `sync.Mutex.Unlock/1`) */
  readonly trampolines: ReadonlyMap<string, number>;
  /** go vet's copylocks findings (the program still runs, as Go's does) */
  readonly vet: readonly Diagnostic[];
}

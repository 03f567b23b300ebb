/**
 * Which local variables must live in a heap cell: those a closure captures and those whose
 * address is taken. Decided before code generation so every access is compiled once, with
 * the right step boundaries (a heap cell is shared memory: reading it is a visible step).
 *
 * The walk mirrors Go's block scoping; variables are identified by their declaring Ident.
 */
import type { Block, Expr, Ident, Signature, Stmt } from './ast';

interface Frame {
  readonly names: Map<string, Ident>;
  /** function nesting depth of this scope */
  readonly depth: number;
}

/** The key of a declaration: where its name is written. */
export function declKey(id: Ident): string {
  return `${id.pos.line}:${id.pos.col}:${id.name}`;
}

export interface Escapes {
  /** captured by a closure or address taken: a non-struct variable must live in a box */
  readonly boxed: Set<string>;
  /** boxed, or the receiver of a method call: a struct's fields may be reached from elsewhere */
  readonly shared: Set<string>;
  /**
   * boxed and written from a closure or through a pointer (`count++` in a goroutine,
   * `atomic.AddInt64(&n, 1)`): the variables goroutines may update together, which the UI
   * shows (a loop variable a goroutine only reads is not one of them)
   */
  readonly watched: Set<string>;
  /**
   * the names selected on each variable (`s.Push`): a pointer method among them takes &s,
   * so a variable of a non-struct type with pointer methods (`type Stack []int`) must live
   * in a box too, which only its type can tell (the compiler's newVar)
   */
  readonly selected: ReadonlyMap<string, ReadonlySet<string>>;
}

export function findEscapes(sig: Signature, recvName: Ident | null, body: Block): Escapes {
  const w = new Walker();
  w.func(sig, recvName, body, 0);
  const boxed = new Set([...w.escapes].map(declKey));
  return {
    boxed,
    shared: new Set([...boxed, ...[...w.methodRecv].map(declKey)]),
    watched: new Set([...w.written].filter((d) => w.escapes.has(d)).map(declKey)),
    selected: new Map([...w.selected].map(([d, names]) => [declKey(d), names])),
  };
}

/**
 * The package-level names some code refers to (for the order of package variable
 * initialisation): names used but not declared inside it, idents used as composite literal
 * keys (field names or map keys: which, the walk cannot tell), and selector names (a method
 * may be meant).
 */
export interface Refs {
  readonly names: ReadonlySet<string>;
  readonly keys: ReadonlySet<string>;
  readonly sels: ReadonlySet<string>;
}

export function exprRefs(exprs: readonly Expr[]): Refs {
  const w = new Walker();
  w.top(exprs);
  return { names: w.free, keys: w.keyNames, sels: w.sels };
}

export function funcRefs(sig: Signature, recvName: Ident | null, body: Block): Refs {
  const w = new Walker();
  w.func(sig, recvName, body, 0);
  return { names: w.free, keys: w.keyNames, sels: w.sels };
}

class Walker {
  /** names used and declared nowhere in the code walked (package-level, or universe) */
  readonly free = new Set<string>();
  readonly keyNames = new Set<string>();
  readonly sels = new Set<string>();
  readonly escapes = new Set<Ident>();
  readonly methodRecv = new Set<Ident>();
  readonly selected = new Map<Ident, Set<string>>();
  /** variables written from a closure deeper than their declaration, or address taken */
  readonly written = new Set<Ident>();
  private scopes: Frame[] = [];
  private readonly depthOf = new Map<Ident, number>();

  private push(depth: number): void {
    this.scopes.push({ names: new Map(), depth });
  }
  private pop(): void {
    this.scopes.pop();
  }
  private get depth(): number {
    return this.scopes[this.scopes.length - 1]?.depth ?? 0;
  }
  private declare(id: Ident): void {
    if (id.name === '_') return;
    this.scopes[this.scopes.length - 1]?.names.set(id.name, id);
    this.depthOf.set(id, this.depth);
  }
  private lookup(name: string): Ident | null {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const d = this.scopes[i]?.names.get(name);
      if (d) return d;
    }
    return null;
  }
  private use(name: string): void {
    const d = this.lookup(name);
    if (!d) this.free.add(name);
    if (d && (this.depthOf.get(d) ?? 0) < this.depth) this.escapes.add(d);
  }

  /** Package-level expressions (a variable's initialiser). */
  top(exprs: readonly Expr[]): void {
    this.push(0);
    for (const e of exprs) this.expr(e);
    this.pop();
  }
  /** An assignment to e: note a variable written from a closure. */
  private write(e: Expr): void {
    if (e.k !== 'ident') return;
    const d = this.lookup(e.name);
    if (d && (this.depthOf.get(d) ?? 0) < this.depth) this.written.add(d);
  }

  func(sig: Signature, recv: Ident | null, body: Block, depth: number): void {
    this.push(depth);
    if (recv) this.declare(recv);
    for (const p of [...sig.params, ...sig.results])
      if (p.name) this.declare({ name: p.name, pos: p.pos });
    this.stmts(body.stmts);
    this.pop();
  }

  private block(b: Block): void {
    this.push(this.depth);
    this.stmts(b.stmts);
    this.pop();
  }

  private stmts(list: readonly Stmt[]): void {
    for (const s of list) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    switch (s.k) {
      case 'expr':
        return this.expr(s.x);
      case 'send':
        this.expr(s.ch);
        return this.expr(s.value);
      case 'assign':
        s.lhs.forEach((e) => this.write(e));
        s.lhs.forEach((e) => this.expr(e));
        s.rhs.forEach((e) => this.expr(e));
        return;
      case 'define':
        s.rhs.forEach((e) => this.expr(e));
        s.names.forEach((n) => {
          if (!this.scopes[this.scopes.length - 1]?.names.has(n.name)) this.declare(n);
        });
        return;
      case 'incdec':
        this.write(s.x);
        return this.expr(s.x);
      case 'var':
      case 'const':
        for (const spec of s.specs) {
          spec.values.forEach((e) => this.expr(e));
          spec.names.forEach((n) => this.declare(n));
        }
        return;
      case 'type':
      case 'empty':
      case 'fallthrough':
      case 'branch':
        return;
      case 'block':
        return this.block(s.block);
      case 'if':
        this.push(this.depth);
        if (s.init) this.stmt(s.init);
        this.expr(s.cond);
        this.block(s.then);
        if (s.else) this.stmt(s.else);
        this.pop();
        return;
      case 'for':
        this.push(this.depth);
        if (s.init) this.stmt(s.init);
        if (s.cond) this.expr(s.cond);
        if (s.post) this.stmt(s.post);
        this.block(s.body);
        this.pop();
        return;
      case 'range':
        this.expr(s.x);
        this.push(this.depth);
        for (const e of [s.key, s.value]) {
          if (!e) continue;
          if (s.define && e.k === 'ident') this.declare({ name: e.name, pos: e.pos });
          else this.expr(e);
        }
        this.block(s.body);
        this.pop();
        return;
      case 'switch':
        this.push(this.depth);
        if (s.init) this.stmt(s.init);
        if (s.tag) this.expr(s.tag);
        if (s.guard) this.expr(s.guard.x);
        for (const c of s.cases) {
          c.exprs?.forEach((e) => this.expr(e));
          this.push(this.depth);
          // a type switch's v is declared anew in each clause
          if (s.guard?.bind) this.declare(s.guard.bind);
          this.stmts(c.body);
          this.pop();
        }
        this.pop();
        return;
      case 'select':
        for (const c of s.cases) {
          const comm = c.comm;
          if (comm?.k === 'send') {
            this.expr(comm.ch);
            this.expr(comm.value);
          } else if (comm) {
            this.expr(comm.x);
            if (!comm.define) {
              comm.lhs.forEach((e) => this.write(e));
              comm.lhs.forEach((e) => this.expr(e));
            }
          }
          this.push(this.depth);
          if (comm?.k === 'recv' && comm.define)
            for (const e of comm.lhs) if (e.k === 'ident') this.declare(e);
          this.stmts(c.body);
          this.pop();
        }
        return;
      case 'go':
      case 'defer':
        return this.expr(s.call);
      case 'return':
        return s.results.forEach((e) => this.expr(e));
      case 'labeled':
        if (s.stmt) this.stmt(s.stmt);
        return;
    }
  }

  private expr(e: Expr): void {
    switch (e.k) {
      case 'ident':
        return this.use(e.name);
      case 'int':
      case 'float':
      case 'string':
      case 'rune':
      case 'typeexpr':
        return;
      case 'inst':
        return this.expr(e.x);
      case 'composite':
        // A struct literal's keys are field names, but without types we cannot tell them from
        // map keys naming variables; counting them as uses can only box a variable that
        // happens to share a field's name, never miss a capture.
        for (const el of e.elts) {
          if (el.key?.k === 'ident' && !this.lookup(el.key.name)) this.keyNames.add(el.key.name);
          else if (el.key) this.expr(el.key);
          this.expr(el.value);
        }
        return;
      case 'funclit':
        this.func(e.sig, null, e.body, this.depth + 1);
        return;
      case 'paren':
        return this.expr(e.x);
      case 'selector': {
        this.sels.add(e.sel);
        let x = e.x;
        while (x.k === 'paren') x = x.x;
        const d = x.k === 'ident' ? this.lookup(x.name) : null;
        if (d) {
          let names = this.selected.get(d);
          if (!names) this.selected.set(d, (names = new Set()));
          names.add(e.sel);
        }
        return this.expr(e.x);
      }
      case 'index':
        this.expr(e.x);
        return this.expr(e.index);
      case 'slice':
        this.expr(e.x);
        for (const b of [e.lo, e.hi, e.max]) if (b) this.expr(b);
        return;
      case 'call':
        // `x.M()` may pass &x to a pointer method, which can keep it: not a reason to box x
        // (a struct needs no box), but x's fields are no longer private.
        if (e.fun.k === 'selector') this.addressOf(e.fun.x, this.methodRecv);
        this.expr(e.fun);
        return e.args.forEach((a) => this.expr(a));
      case 'unary':
        if (e.op === '&') this.addressOf(e.x);
        return this.expr(e.x);
      case 'binary':
        this.expr(e.x);
        return this.expr(e.y);
      case 'assert':
        return this.expr(e.x);
    }
  }

  /** `&x` makes x escape; `&x.f` and `&x[i]` need x itself to be addressable. */
  private addressOf(x: Expr, into: Set<Ident> = this.escapes): void {
    let e = x;
    while (e.k === 'paren' || e.k === 'selector') e = e.k === 'paren' ? e.x : e.x;
    if (e.k === 'ident') {
      const d = this.lookup(e.name);
      if (d) into.add(d);
      // (`&x` itself, not `&x.f`: whoever has the pointer may write x)
      if (d && x.k === 'ident' && into === this.escapes) this.written.add(d);
    }
  }
}

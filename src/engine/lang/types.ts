/**
 * The Go subset's types, shared by the checker, the compiler and the runtime (which uses
 * them to make zero values, copy structs, compare, and print with fmt's %v).
 */

export type BasicName =
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr'
  | 'float64'
  | 'float32'
  | 'string'
  | 'bool'
  | 'untyped int'
  | 'untyped float'
  | 'untyped rune'
  | 'untyped string'
  | 'untyped bool'
  | 'untyped nil';

/** What the runtime keeps in a heap object when a value of this type is addressable. */
export type Special = 'mutex' | 'rwmutex' | 'waitgroup' | 'once' | 'cond' | 'syncmap';

export interface Field {
  readonly name: string;
  readonly type: Type;
  readonly embedded: boolean;
  /** a struct field's tag (`json:"id,omitempty"`), part of the struct type's identity */
  readonly tag?: string;
}

export interface MethodRef {
  /** index of the compiled function, or -1 for a library (native) method */
  fn: number;
  readonly ptrRecv: boolean;
  readonly sig: FuncType;
  /** library methods: the native's name, e.g. `sync.Mutex.Lock` */
  readonly native: string | null;
}

export interface BasicType {
  readonly k: 'basic';
  readonly name: BasicName;
  /**
   * byte and rune: the same type as uint8 and int32 (identical, the same name at run time,
   * where %T prints uint8), which the compiler's messages call by the name the source used
   */
  readonly alias?: 'byte' | 'rune';
}
export interface NamedType {
  readonly k: 'named';
  /** `Store`, or `sync.Mutex` for library types */
  readonly name: string;
  readonly pkg: string;
  underlying: Type;
  readonly methods: Map<string, MethodRef>;
  readonly special: Special | null;
  readonly id: number;
  /** an instantiated generic type's type arguments (atomic.Pointer[T]'s T), written after its name */
  readonly typeArgs?: readonly Type[];
  /** the program's generic type this one instantiates (for type inference) */
  readonly origin?: object;
}
export interface PointerType {
  readonly k: 'ptr';
  readonly elem: Type;
}
export interface SliceType {
  readonly k: 'slice';
  readonly elem: Type;
}
/** [len]elem: a value of len elements, copied whole as a struct is */
export interface ArrayType {
  readonly k: 'array';
  readonly elem: Type;
  readonly len: number;
}
export interface MapType {
  readonly k: 'map';
  readonly key: Type;
  readonly elem: Type;
}
/** chan elem, `<-chan elem` (dir 'recv') or `chan<- elem` (dir 'send') */
export interface ChanType {
  readonly k: 'chan';
  readonly elem: Type;
  readonly dir: 'both' | 'send' | 'recv';
}
export interface StructType {
  readonly k: 'struct';
  readonly fields: readonly Field[];
}
export interface FuncType {
  readonly k: 'func';
  readonly params: readonly Type[];
  readonly results: readonly Type[];
  readonly variadic: boolean;
}
export interface InterfaceType {
  readonly k: 'iface';
  readonly methods: ReadonlyMap<string, FuncType>;
  /**
   * a constraint's type set: a type argument must match a term of each list (`~int |
   * ~string`: its underlying type is int or string)
   */
  readonly terms?: readonly (readonly TypeTerm[])[];
  /** a constraint embedding `comparable` */
  readonly comparable?: boolean;
}
export interface TypeTerm {
  readonly tilde: boolean;
  readonly type: Type;
}
export interface TupleType {
  readonly k: 'tuple';
  readonly types: readonly Type[];
}

export type Type =
  | BasicType
  | NamedType
  | PointerType
  | SliceType
  | ArrayType
  | MapType
  | ChanType
  | StructType
  | FuncType
  | InterfaceType
  | TupleType;

const basics = new Map<BasicName, BasicType>();
export function basic(name: BasicName): BasicType {
  let t = basics.get(name);
  if (!t) {
    t = { k: 'basic', name };
    basics.set(name, t);
  }
  return t;
}

export const T = {
  int: basic('int'),
  int64: basic('int64'),
  int32: basic('int32'),
  uint8: basic('uint8'),
  byte: { k: 'basic', name: 'uint8', alias: 'byte' } as BasicType,
  rune: { k: 'basic', name: 'int32', alias: 'rune' } as BasicType,
  float32: basic('float32'),
  float64: basic('float64'),
  string: basic('string'),
  bool: basic('bool'),
  untypedInt: basic('untyped int'),
  untypedFloat: basic('untyped float'),
  untypedRune: basic('untyped rune'),
  untypedString: basic('untyped string'),
  untypedBool: basic('untyped bool'),
  untypedNil: basic('untyped nil'),
} as const;

export const emptyInterface: InterfaceType = { k: 'iface', methods: new Map() };

export function under(t: Type): Type {
  return t.k === 'named' ? t.underlying : t;
}

export function isUntyped(t: Type): boolean {
  return t.k === 'basic' && t.name.startsWith('untyped');
}

export function isInteger(t: Type): boolean {
  const u = under(t);
  return u.k === 'basic' && /^(u?int(8|16|32|64)?|uintptr|untyped int|untyped rune)$/.test(u.name);
}

export function isFloat(t: Type): boolean {
  const u = under(t);
  return u.k === 'basic' && /^(float32|float64|untyped float)$/.test(u.name);
}

export function isNumeric(t: Type): boolean {
  return isInteger(t) || isFloat(t);
}

export function isString(t: Type): boolean {
  const u = under(t);
  return u.k === 'basic' && (u.name === 'string' || u.name === 'untyped string');
}

export function isBoolean(t: Type): boolean {
  const u = under(t);
  return u.k === 'basic' && (u.name === 'bool' || u.name === 'untyped bool');
}

/** Struct-like values live in the heap and are copied on assignment. */
export function isStructLike(t: Type): boolean {
  const k = under(t).k;
  return k === 'struct' || k === 'array' || (t.k === 'named' && t.special !== null);
}

/** The type of the i-th slot of a struct-like value (a field, or an array's element). */
export function slotType(t: Type, i: number): Type | undefined {
  const u = under(t);
  return u.k === 'struct' ? u.fields[i]?.type : u.k === 'array' ? u.elem : undefined;
}

export function isInterface(t: Type): boolean {
  return under(t).k === 'iface';
}

/** Types whose zero value is nil. */
export function isNillable(t: Type): boolean {
  const u = under(t);
  return (
    u.k === 'ptr' ||
    u.k === 'slice' ||
    u.k === 'map' ||
    u.k === 'chan' ||
    u.k === 'func' ||
    u.k === 'iface'
  );
}

/**
 * Go's type identity; `ignoreTags`: struct tags left out, as a conversion leaves them (Go 1.8)
 */
export function identical(a: Type, b: Type, ignoreTags = false): boolean {
  if (a === b) return true;
  if (a.k === 'named' || b.k === 'named') return false;
  switch (a.k) {
    case 'basic':
      return b.k === 'basic' && a.name === b.name;
    case 'ptr':
      return b.k === 'ptr' && identical(a.elem, b.elem, ignoreTags);
    case 'slice':
      return b.k === 'slice' && identical(a.elem, b.elem, ignoreTags);
    case 'array':
      return b.k === 'array' && a.len === b.len && identical(a.elem, b.elem, ignoreTags);
    case 'map':
      return (
        b.k === 'map' &&
        identical(a.key, b.key, ignoreTags) &&
        identical(a.elem, b.elem, ignoreTags)
      );
    case 'chan':
      return b.k === 'chan' && a.dir === b.dir && identical(a.elem, b.elem, ignoreTags);
    case 'struct':
      return (
        b.k === 'struct' &&
        a.fields.length === b.fields.length &&
        a.fields.every((f, i) => {
          const g = b.fields[i];
          return (
            !!g &&
            f.name === g.name &&
            f.embedded === g.embedded &&
            (ignoreTags || (f.tag ?? '') === (g.tag ?? '')) &&
            identical(f.type, g.type, ignoreTags)
          );
        })
      );
    case 'func':
      return (
        b.k === 'func' &&
        a.variadic === b.variadic &&
        a.params.length === b.params.length &&
        a.results.length === b.results.length &&
        a.params.every((p, i) => identical(p, b.params[i] as Type)) &&
        a.results.every((r, i) => identical(r, b.results[i] as Type))
      );
    case 'iface': {
      if (b.k !== 'iface' || a.methods.size !== b.methods.size) return false;
      for (const [n, s] of a.methods) {
        const o = b.methods.get(n);
        if (!o || !identical(s, o)) return false;
      }
      return true;
    }
    case 'tuple':
      return (
        b.k === 'tuple' &&
        a.types.length === b.types.length &&
        a.types.every((t, i) => identical(t, b.types[i] as Type))
      );
  }
}

/**
 * The type as gc prints it in messages (`*Store`, `map[string]Job`, `sync.Mutex`, `struct{X
 * int}`), or with `qualifyMain` as the runtime and reflect print it (`*main.Store`,
 * `struct { X int }`: %T, panics, interface conversions).
 */
export function typeString(t: Type, qualifyMain = false): string {
  switch (t.k) {
    case 'basic':
      // (the run time's names, qualifyMain, are reflect's: uint8 and int32)
      return !qualifyMain && t.alias ? t.alias : t.name;
    case 'named': {
      const args = t.typeArgs
        ? `[${t.typeArgs.map((a) => typeString(a, qualifyMain)).join(',')}]`
        : '';
      if (t.pkg === 'main') return qualifyMain ? `main.${t.name}${args}` : t.name + args;
      return t.pkg === '' ? t.name + args : `${t.pkg}.${t.name}${args}`;
    }
    case 'ptr':
      return `*${typeString(t.elem, qualifyMain)}`;
    case 'slice':
      return `[]${typeString(t.elem, qualifyMain)}`;
    case 'array':
      return `[${t.len}]${typeString(t.elem, qualifyMain)}`;
    case 'map':
      return `map[${typeString(t.key, qualifyMain)}]${typeString(t.elem, qualifyMain)}`;
    case 'chan': {
      const elem = typeString(t.elem, qualifyMain);
      if (t.dir === 'recv') return `<-chan ${elem}`;
      if (t.dir === 'send') return `chan<- ${elem}`;
      // (chan (<-chan int): gc parenthesizes a receive-only element)
      return t.elem.k === 'chan' && t.elem.dir === 'recv' ? `chan (${elem})` : `chan ${elem}`;
    }
    case 'struct': {
      const fields = t.fields
        .map(
          (f) =>
            (f.embedded
              ? typeString(f.type, qualifyMain)
              : `${f.name} ${typeString(f.type, qualifyMain)}`) +
            (f.tag ? ` ${JSON.stringify(f.tag)}` : ''),
        )
        .join('; ');
      if (!qualifyMain) return `struct{${fields}}`;
      return fields ? `struct { ${fields} }` : 'struct {}';
    }
    case 'func':
      return `func${sigString(t, qualifyMain)}`;
    case 'iface': {
      // (a constraint's type terms, as types2 writes them: ~int | ~string)
      if (t.terms?.length === 1 && t.methods.size === 0 && !t.comparable)
        return (t.terms[0] as readonly TypeTerm[])
          .map((x) => `${x.tilde ? '~' : ''}${typeString(x.type, qualifyMain)}`)
          .join(' | ');
      const methods = [...t.methods].map(([n, s]) => `${n}${sigString(s, qualifyMain)}`).join('; ');
      // types2 writes the universe's any as "any" and a literal as interface{M()}; the
      // runtime and reflect write interface {} and interface { M() }
      if (!qualifyMain) return t === emptyInterface ? 'any' : `interface{${methods}}`;
      return methods ? `interface { ${methods} }` : 'interface {}';
    }
    case 'tuple':
      return `(${t.types.map((x) => typeString(x, qualifyMain)).join(', ')})`;
  }
}

export function sigString(f: FuncType, qualifyMain = false): string {
  const ps = f.params.map((p, i) =>
    f.variadic && i === f.params.length - 1 && p.k === 'slice'
      ? `...${typeString(p.elem, qualifyMain)}`
      : typeString(p, qualifyMain),
  );
  const rs = f.results.map((r) => typeString(r, qualifyMain));
  const res = rs.length === 0 ? '' : rs.length === 1 ? ` ${rs[0]}` : ` (${rs.join(', ')})`;
  return `(${ps.join(', ')})${res}`;
}

/** The default type of an untyped constant (`untyped int` -> `int`). */
export function defaultType(t: Type): Type {
  if (t.k !== 'basic') return t;
  switch (t.name) {
    case 'untyped int':
      return T.int;
    case 'untyped float':
      return T.float64;
    case 'untyped rune':
      return T.int32;
    case 'untyped string':
      return T.string;
    case 'untyped bool':
      return T.bool;
    default:
      return t;
  }
}

/** Can values of this type be compared with `==`? */
export function comparable(t: Type): boolean {
  const u = under(t);
  switch (u.k) {
    case 'slice':
    case 'map':
    case 'func':
      return false;
    case 'struct':
      return u.fields.every((f) => comparable(f.type));
    case 'array':
      return comparable(u.elem);
    default:
      return true;
  }
}

/**
 * Whether map keys of type t are structs, arrays, pointers or interfaces (held as
 * runtime/keys.ts says).
 */
export function isComposite(t: Type): boolean {
  const u = under(t);
  return u.k === 'struct' || u.k === 'array' || u.k === 'ptr' || u.k === 'iface';
}

/**
 * The basic types of t's leaves, in order (t itself if it is basic); null if some leaf is
 * not basic (a pointer, an interface, a special type such as sync.Mutex).
 */
export function leafTypes(t: Type): Type[] | null {
  if (t.k === 'named' && t.special) return null;
  const u = under(t);
  if (u.k === 'basic') return [t];
  if (u.k !== 'struct' && u.k !== 'array') return null;
  const out: Type[] = [];
  for (const p of partTypes(t)) {
    const ls = leafTypes(p);
    if (!ls) return null;
    out.push(...ls);
  }
  return out;
}

/** The types of a struct's fields or of an array's elements, in order (none for another type). */
export function partTypes(t: Type): Type[] {
  const u = under(t);
  if (u.k === 'struct') return u.fields.map((f) => f.type);
  if (u.k === 'array') return Array.from({ length: u.len }, () => u.elem);
  return [];
}

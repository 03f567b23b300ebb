/**
 * The library surface Interleave simulates: the packages a job-store tutorial program uses,
 * declared once and shared by the compiler (types, signatures) and the runtime (natives by
 * name). Anything not declared here is refused by the compiler with an `unsupported:` message.
 */
import {
  T,
  basic,
  comparable,
  emptyInterface,
  typeString,
  under,
  type FuncType,
  type BasicName,
  type InterfaceType,
  type MethodRef,
  type NamedType,
  type Special,
  type Type,
} from './types';

let nextId = 1_000_000;

export function named(
  pkg: string,
  name: string,
  underlying: Type,
  special: Special | null = null,
): NamedType {
  return { k: 'named', pkg, name, underlying, methods: new Map(), special, id: nextId++ };
}

export function fn(params: Type[], results: Type[], variadic = false): FuncType {
  return { k: 'func', params, results, variadic };
}

function native(t: NamedType, name: string, sig: FuncType, ptrRecv = true): void {
  const m: MethodRef = { fn: -1, ptrRecv, sig, native: `${t.pkg}.${t.name}.${name}` };
  t.methods.set(name, m);
}

const empty: InterfaceType = emptyInterface;

// ---- the universe --------------------------------------------------------------------
export const errorType = named('', 'error', {
  k: 'iface',
  methods: new Map([['Error', fn([], [T.string])]]),
});

// ---- errors --------------------------------------------------------------------------
/** errors.New's concrete type; its one field is the message. */
export const errorString = named('errors', 'errorString', {
  k: 'struct',
  fields: [{ name: 's', type: T.string, embedded: false }],
});
native(errorString, 'Error', fn([], [T.string]));
export const errorStringPtr: Type = { k: 'ptr', elem: errorString };

/**
 * The other errors the library makes, as %T names them: fmt.Errorf's with one %w and with
 * several, and errors.Join's. Each holds its message first, as errorString does, then what
 * it wraps (natives.ts, wrapping); only the fields declared here are printed by %#v.
 */
const errorSlice: Type = { k: 'slice', elem: errorType };
export const wrapError = named('fmt', 'wrapError', {
  k: 'struct',
  fields: [
    { name: 'msg', type: T.string, embedded: false },
    { name: 'err', type: errorType, embedded: false },
  ],
});
native(wrapError, 'Error', fn([], [T.string]));
native(wrapError, 'Unwrap', fn([], [errorType]));
export const wrapErrors = named('fmt', 'wrapErrors', {
  k: 'struct',
  fields: [{ name: 'msg', type: T.string, embedded: false }],
});
native(wrapErrors, 'Error', fn([], [T.string]));
native(wrapErrors, 'Unwrap', fn([], [errorSlice]));
export const joinError = named('errors', 'joinError', { k: 'struct', fields: [] });
native(joinError, 'Error', fn([], [T.string]));
native(joinError, 'Unwrap', fn([], [errorSlice]));

/**
 * The runtime's panics, as %T names them: runtime.errorString (a nil dereference, a division
 * by zero), runtime.plainError (a write to a nil map), runtime.boundsError (an index or slice
 * out of range), *runtime.TypeAssertionError and *runtime.PanicNilError (panic(nil)). Each
 * holds its message, as errorString does, and is a runtime.Error.
 */
function runtimeError(name: string, ptrRecv: boolean): NamedType {
  const t = named('runtime', name, {
    k: 'struct',
    fields: [{ name: 'msg', type: T.string, embedded: false }],
  });
  native(t, 'Error', fn([], [T.string]), ptrRecv);
  native(t, 'RuntimeError', fn([], []), ptrRecv);
  return t;
}
const runtimeErrorString = runtimeError('errorString', false);
const runtimePlainError = runtimeError('plainError', false);
const runtimeBoundsError = runtimeError('boundsError', false);
const typeAssertionError = runtimeError('TypeAssertionError', true);
const panicNilError = runtimeError('PanicNilError', true);
/** runtime.Error: an error that is the runtime's */
const runtimeErrorType = named('runtime', 'Error', {
  k: 'iface',
  methods: new Map([
    ['Error', fn([], [T.string])],
    ['RuntimeError', fn([], [])],
  ]),
});
/** the dynamic types of the runtime's panics (see runtimeError) */
export const RUNTIME_ERRORS = {
  errorString: runtimeErrorString as Type,
  plainError: runtimePlainError as Type,
  boundsError: runtimeBoundsError as Type,
  typeAssertion: { k: 'ptr', elem: typeAssertionError } as Type,
  panicNil: { k: 'ptr', elem: panicNilError } as Type,
} as const;

/** the dynamic types of fmt.Errorf's errors with %w, and errors.Join's */
export const WRAP_ERRORS = {
  wrapError: { k: 'ptr', elem: wrapError } as Type,
  wrapErrors: { k: 'ptr', elem: wrapErrors } as Type,
  joinError: { k: 'ptr', elem: joinError } as Type,
} as const;

/**
 * the error types above and errorString (pointers, or the runtime's value types): immutable
 * errors that hold their message first
 */
export const libraryErrors: readonly Type[] = [
  errorStringPtr,
  ...Object.values(WRAP_ERRORS),
  ...Object.values(RUNTIME_ERRORS),
];

/** The named type a library error type is, or points to. */
export function libraryErrorNamed(t: Type): NamedType {
  return (t.k === 'ptr' ? t.elem : t) as NamedType;
}

// ---- sync ----------------------------------------------------------------------------
const int32Field = (name: string) => ({ name, type: T.int32, embedded: false });
export const mutexType = named(
  'sync',
  'Mutex',
  {
    k: 'struct',
    fields: [
      int32Field('state'),
      { name: 'sema', type: { k: 'basic', name: 'uint32' }, embedded: false },
    ],
  },
  'mutex',
);
native(mutexType, 'Lock', fn([], []));
native(mutexType, 'Unlock', fn([], []));
native(mutexType, 'TryLock', fn([], [T.bool]));

export const rwmutexType = named('sync', 'RWMutex', { k: 'struct', fields: [] }, 'rwmutex');
for (const m of ['Lock', 'Unlock', 'RLock', 'RUnlock']) native(rwmutexType, m, fn([], []));
native(rwmutexType, 'TryLock', fn([], [T.bool]));
native(rwmutexType, 'TryRLock', fn([], [T.bool]));

export const waitGroupType = named('sync', 'WaitGroup', { k: 'struct', fields: [] }, 'waitgroup');
native(waitGroupType, 'Add', fn([T.int], []));
native(waitGroupType, 'Done', fn([], []));
native(waitGroupType, 'Wait', fn([], []));

// ---- sync/atomic ---------------------------------------------------------------------
/** The integer kinds sync/atomic works on, by the name its functions and types use. */
export const ATOMIC_KINDS = ['Int32', 'Int64', 'Uint32', 'Uint64'] as const;
const atomicBasic = (k: (typeof ATOMIC_KINDS)[number]): Type =>
  basic(k.toLowerCase() as 'int32' | 'int64' | 'uint32' | 'uint64');
/** The operations, as the typed values' methods and (suffixed by the kind) the functions. */
export const ATOMIC_OPS = ['Load', 'Store', 'Add', 'Swap', 'CompareAndSwap', 'And', 'Or'] as const;
/** the operations on integers only (And and Or are Go 1.23's) */
const INTEGER_OPS: ReadonlySet<AtomicOp> = new Set(['Add', 'And', 'Or']);
export type AtomicOp = (typeof ATOMIC_OPS)[number];
/** An operation on a value of type v, as a method (the functions take a *v first). */
function atomicSig(op: AtomicOp, v: Type): FuncType {
  switch (op) {
    case 'Load':
      return fn([], [v]);
    case 'Store':
      return fn([v], []);
    case 'Add':
    case 'Swap':
    case 'And':
    case 'Or':
      return fn([v], [v]);
    case 'CompareAndSwap':
      return fn([v, v], [T.bool]);
  }
}
/**
 * sync/atomic's types (Go 1.19): a struct around the value (Go's also holds a noCopy and an
 * alignment field, which only vet and the layout see). Their methods and the functions are
 * visible steps: each is one indivisible access, which the race detector treats as
 * synchronising (Go's memory model: atomics are sequentially consistent) and never reports
 * against another atomic access, only against a plain one.
 */
export const atomicTypes: readonly NamedType[] = [...ATOMIC_KINDS, 'Bool' as const].map((k) => {
  const v = k === 'Bool' ? T.bool : atomicBasic(k);
  const t = named('atomic', k, { k: 'struct', fields: [{ name: 'v', type: v, embedded: false }] });
  for (const op of ATOMIC_OPS)
    if (k !== 'Bool' || !INTEGER_OPS.has(op)) native(t, op, atomicSig(op, v));
  return t;
});

/**
 * sync/atomic.Value (Go 1.23's value.go): an `any` stored and loaded atomically, every store of
 * one concrete type. Unlike the typed values it holds no noCopy (vet lets it be copied).
 */
export const atomicValueType = named('atomic', 'Value', {
  k: 'struct',
  fields: [{ name: 'v', type: empty, embedded: false }],
});
native(atomicValueType, 'Load', fn([], [empty]));
native(atomicValueType, 'Store', fn([empty], []));
native(atomicValueType, 'Swap', fn([empty], [empty]));
native(atomicValueType, 'CompareAndSwap', fn([empty, empty], [T.bool]));

/**
 * sync/atomic.Pointer[T] (Go 1.19), for one T: a *T loaded and stored atomically, its methods
 * those of the typed values on *T. Go's struct is `_ [0]*T; _ noCopy; v unsafe.Pointer`;
 * here the pointer is its one field (fmt prints Go's three).
 */
export function atomicPointerType(elem: Type): NamedType {
  const p: Type = { k: 'ptr', elem };
  const t: NamedType = {
    ...named('atomic', 'Pointer', {
      k: 'struct',
      fields: [{ name: 'v', type: p, embedded: false }],
    }),
    typeArgs: [elem],
  };
  const method = (name: string, sig: FuncType) =>
    t.methods.set(name, { fn: -1, ptrRecv: true, sig, native: `atomic.Pointer.${name}` });
  method('Load', fn([], [p]));
  method('Store', fn([p], []));
  method('Swap', fn([p], [p]));
  method('CompareAndSwap', fn([p, p], [T.bool]));
  return t;
}

/**
 * log/slog's Attr, a key and a value. Go's Value is an opaque slog.Value; here the value is
 * kept in a field the program cannot reach (`a.Key` works, `a.Value` is unsupported).
 */
export const slogAttrType = named('slog', 'Attr', {
  k: 'struct',
  fields: [
    { name: 'Key', type: T.string, embedded: false },
    { name: 'value', type: empty, embedded: false },
  ],
});

/** Is t one of sync/atomic's types? */
export function isAtomicType(t: Type): t is NamedType & { readonly pkg: 'atomic' } {
  return t.k === 'named' && t.pkg === 'atomic';
}

// ---- sync.Once -----------------------------------------------------------------------
/** The hidden method Do defers around f (Go's doSlow: `defer o.done.Store(1)`, then Unlock). */
export const ONCE_END = 'Do·end';
/** Go 1.23's layout: `done atomic.Uint32; m Mutex` (fmt and vet see these fields). */
export const onceType = named('sync', 'Once', {
  k: 'struct',
  fields: [
    { name: 'done', type: atomicTypes.find((t) => t.name === 'Uint32') as Type, embedded: false },
    { name: 'm', type: mutexType, embedded: false },
  ],
});
native(onceType, 'Do', fn([fn([], [])], []));
native(onceType, ONCE_END, fn([], []));

/**
 * sync.Pool. Go's holds a noCopy, a list per P, the victim cache and New; here one list, last
 * in first out (what a goroutine puts is what its next Get returns, as Go's private slot on one
 * P gives it), and the victim cache, which runtime.GC fills from the list and empties as Go's
 * poolCleanup does.
 */
export const poolType = named('sync', 'Pool', {
  k: 'struct',
  fields: [
    { name: 'noCopy', type: { k: 'struct', fields: [] }, embedded: false },
    { name: 'local', type: { k: 'slice', elem: empty }, embedded: false },
    { name: 'victim', type: { k: 'slice', elem: empty }, embedded: false },
    { name: 'New', type: fn([], [empty]), embedded: false },
  ],
});
native(poolType, 'Get', fn([], [empty]));
native(poolType, 'Put', fn([empty], []));

// ---- strings.Builder and bytes.Buffer ------------------------------------------------
/** Its text so far (Go's keeps a []byte and a self-pointer for its copy check). */
export const builderType = named('strings', 'Builder', {
  k: 'struct',
  fields: [{ name: 'buf', type: T.string, embedded: false }],
});
/** Its unread text (Go's keeps a []byte and an offset where reading is at). */
export const bufferType = named('bytes', 'Buffer', {
  k: 'struct',
  fields: [{ name: 'buf', type: T.string, embedded: false }],
});
for (const t of [builderType, bufferType]) {
  native(t, 'WriteString', fn([T.string], [T.int, errorType]));
  native(t, 'WriteByte', fn([T.byte], [errorType]));
  native(t, 'WriteRune', fn([T.rune], [T.int, errorType]));
  native(t, 'String', fn([], [T.string]));
  native(t, 'Len', fn([], [T.int]));
  native(t, 'Reset', fn([], []));
  native(t, 'Grow', fn([T.int], []));
}
native(bufferType, 'Bytes', fn([], [{ k: 'slice', elem: T.byte }]));

// ---- strings.Replacer --------------------------------------------------------------
/** Its old, new pairs, as NewReplacer got them (Go's builds a trie or a table from them). */
export const replacerType = named('strings', 'Replacer', {
  k: 'struct',
  fields: [{ name: 'oldnew', type: { k: 'slice', elem: T.string }, embedded: false }],
});
native(replacerType, 'Replace', fn([T.string], [T.string]));

// ---- io.Writer, os.Stdout and os.Stderr -------------------------------------------------
const byteSlice: Type = { k: 'slice', elem: T.byte };
/** io.Writer: what fmt.Fprint and friends write to. */
export const writerType = named('io', 'Writer', {
  k: 'iface',
  methods: new Map([['Write', fn([byteSlice], [T.int, errorType])]]),
});
/**
 * os.File, only ever seen as os.Stdout and os.Stderr: a *os.File value is its descriptor, the
 * number 1 or 2 (Go's is a pointer to a struct holding a *file).
 */
export const fileType = named('os', 'File', { k: 'struct', fields: [] });
export const filePtr: Type = { k: 'ptr', elem: fileType };
native(fileType, 'Write', fn([byteSlice], [T.int, errorType]));
native(fileType, 'WriteString', fn([T.string], [T.int, errorType]));
// (so that a *strings.Builder is an io.Writer too)
native(builderType, 'Write', fn([byteSlice], [T.int, errorType]));
native(bufferType, 'Write', fn([byteSlice], [T.int, errorType]));

/** fmt.Stringer: what fmt calls String() on (any type with the method prints through it). */
export const stringerType = named('fmt', 'Stringer', {
  k: 'iface',
  methods: new Map([['String', fn([], [T.string])]]),
});

// ---- sync.Map ------------------------------------------------------------------------
/**
 * sync.Map: a map whose every method is one indivisible step (Go's mixes a mutex and atomic
 * reads; what a program can observe is that), held in a heap object of its own.
 */
export const syncMapType = named('sync', 'Map', { k: 'struct', fields: [] }, 'syncmap');
const pair = (a: Type, b: Type) => [a, b];
native(syncMapType, 'Load', fn([empty], pair(empty, T.bool)));
native(syncMapType, 'Store', fn([empty, empty], []));
native(syncMapType, 'LoadOrStore', fn([empty, empty], pair(empty, T.bool)));
native(syncMapType, 'LoadAndDelete', fn([empty], pair(empty, T.bool)));
native(syncMapType, 'Delete', fn([empty], []));
native(syncMapType, 'Swap', fn([empty, empty], pair(empty, T.bool)));
native(syncMapType, 'CompareAndSwap', fn([empty, empty, empty], [T.bool]));
native(syncMapType, 'CompareAndDelete', fn([empty, empty], [T.bool]));
native(syncMapType, 'Range', fn([fn([empty, empty], [T.bool])], []));
native(syncMapType, 'Clear', fn([], []));

// ---- sync.Cond -----------------------------------------------------------------------
/** sync.Locker: what a Cond's L is (a *Mutex, a *RWMutex, or anything with Lock and Unlock). */
export const lockerType = named('sync', 'Locker', {
  k: 'iface',
  methods: new Map([
    ['Lock', fn([], [])],
    ['Unlock', fn([], [])],
  ]),
});
/** What RWMutex.RLocker returns: the RWMutex itself, whose Lock and Unlock are RLock and RUnlock. */
export const rlockerType = named('sync', 'rlocker', { k: 'struct', fields: [] });
native(rlockerType, 'Lock', fn([], []));
native(rlockerType, 'Unlock', fn([], []));
native(rwmutexType, 'RLocker', fn([], [lockerType]));

/** The runtime's notifyList (Cond.notify): its tickets and waiters, a heap object of its own. */
export const notifyListType = named('sync', 'notifyList', { k: 'struct', fields: [] }, 'cond');
/** The hidden method Wait continues with once L is unlocked: sleep until notified, then Lock. */
export const COND_PARK = 'Wait·park';
/** Go 1.23's layout: `noCopy noCopy; L Locker; notify notifyList; checker copyChecker`. */
export const condType = named('sync', 'Cond', {
  k: 'struct',
  fields: [
    { name: 'noCopy', type: { k: 'struct', fields: [] }, embedded: false },
    { name: 'L', type: lockerType, embedded: false },
    { name: 'notify', type: notifyListType, embedded: false },
    { name: 'checker', type: basic('uintptr'), embedded: false },
  ],
});
native(condType, 'Wait', fn([], []));
native(condType, 'Signal', fn([], []));
native(condType, 'Broadcast', fn([], []));
native(condType, COND_PARK, fn([T.int], []));

// ---- time ----------------------------------------------------------------------------
export const durationType = named('time', 'Duration', T.int64);
native(durationType, 'String', fn([], [T.string]), false);
native(durationType, 'Milliseconds', fn([], [T.int64]), false);
native(durationType, 'Microseconds', fn([], [T.int64]), false);
native(durationType, 'Nanoseconds', fn([], [T.int64]), false);
native(durationType, 'Seconds', fn([], [T.float64]), false);
native(durationType, 'Minutes', fn([], [T.float64]), false);
native(durationType, 'Hours', fn([], [T.float64]), false);
native(durationType, 'Round', fn([durationType], [durationType]), false);
native(durationType, 'Truncate', fn([durationType], [durationType]), false);
native(durationType, 'Abs', fn([], [durationType]), false);
/** time.Month, whose String is the month's English name */
export const monthType = named('time', 'Month', T.int);
native(monthType, 'String', fn([], [T.string]), false);
/** time.Weekday, whose String is the day's English name */
export const weekdayType = named('time', 'Weekday', T.int);
native(weekdayType, 'String', fn([], [T.string]), false);
/** Virtual time, in nanoseconds since synctest's epoch (2000-01-01 00:00:00 UTC). */
export const timeType = named('time', 'Time', T.int64);
/** What time.After returns, and a Timer's or a Ticker's C: <-chan time.Time */
export const afterChanType: Type = { k: 'chan', dir: 'recv', elem: timeType };
/**
 * What time.AfterFunc and time.NewTimer return: for AfterFunc's, when it fires (virtual
 * nanoseconds), the function, and whether it is still to fire; NewTimer's keeps its state in
 * its channel C (nil for AfterFunc's, as in Go).
 */
export const timerType = named('time', 'Timer', {
  k: 'struct',
  fields: [
    { name: 'when', type: T.int64, embedded: false },
    { name: 'f', type: fn([], []), embedded: false },
    { name: 'active', type: T.bool, embedded: false },
    { name: 'C', type: afterChanType, embedded: false },
  ],
});
native(timerType, 'Stop', fn([], [T.bool]));
native(timerType, 'Reset', fn([durationType], [T.bool]));
export const timerPtr: Type = { k: 'ptr', elem: timerType };
/** What time.NewTicker returns: its channel C, which keeps the ticker's state. */
export const tickerType = named('time', 'Ticker', {
  k: 'struct',
  fields: [{ name: 'C', type: afterChanType, embedded: false }],
});
native(tickerType, 'Stop', fn([], []));
native(tickerType, 'Reset', fn([durationType], []));
const tickerPtr: Type = { k: 'ptr', elem: tickerType };

/** slog.String(key, v) and the others: an Attr of this key and v of this type (Any: any). */
export const SLOG_ATTR_MAKERS: readonly (readonly [string, Type])[] = [
  ['String', T.string],
  ['Int', T.int],
  ['Int64', T.int64],
  ['Float64', T.float64],
  ['Bool', T.bool],
  ['Duration', durationType],
  ['Time', timeType],
  ['Any', empty],
];

native(timeType, 'Sub', fn([timeType], [durationType]), false);
native(timeType, 'Add', fn([durationType], [timeType]), false);
native(timeType, 'Truncate', fn([durationType], [timeType]), false);
native(timeType, 'Round', fn([durationType], [timeType]), false);
native(timeType, 'After', fn([timeType], [T.bool]), false);
native(timeType, 'Before', fn([timeType], [T.bool]), false);
native(timeType, 'String', fn([], [T.string]), false);
// (virtual time starts at 2000-01-01 00:00:00 UTC, where testing/synctest's clock starts)
native(timeType, 'Unix', fn([], [T.int64]), false);
native(timeType, 'UnixMilli', fn([], [T.int64]), false);
native(timeType, 'UnixMicro', fn([], [T.int64]), false);
native(timeType, 'UnixNano', fn([], [T.int64]), false);
// (the calendar of virtual time, in UTC, which is the only zone here)
for (const n of ['Year', 'Day', 'Hour', 'Minute', 'Second', 'Nanosecond', 'YearDay'])
  native(timeType, n, fn([], [T.int]), false);
native(timeType, 'Month', fn([], [monthType]), false);
native(timeType, 'Weekday', fn([], [weekdayType]), false);
native(timeType, 'Format', fn([T.string], [T.string]), false);
native(timeType, 'UTC', fn([], [timeType]), false);
native(timeType, 'Equal', fn([timeType], [T.bool]), false);
native(timeType, 'IsZero', fn([], [T.bool]), false);
native(timeType, 'Compare', fn([timeType], [T.int]), false);

// ---- context -------------------------------------------------------------------------
/** What ctx.Done() returns: <-chan struct{} */
export const doneChanType: Type = { k: 'chan', dir: 'recv', elem: { k: 'struct', fields: [] } };
export const contextType = named('context', 'Context', {
  k: 'iface',
  methods: new Map<string, FuncType>([
    ['Deadline', fn([], [timeType, T.bool])],
    ['Done', fn([], [doneChanType])],
    ['Err', fn([], [errorType])],
    ['Value', fn([empty], [empty])],
  ]),
});
/** sort.Interface: what sort.Sort and sort.Stable sort, by index. */
export const sortInterfaceType = named('sort', 'Interface', {
  k: 'iface',
  methods: new Map<string, FuncType>([
    ['Len', fn([], [T.int])],
    ['Less', fn([T.int, T.int], [T.bool])],
    ['Swap', fn([T.int, T.int], [])],
  ]),
});

/** sort.IntSlice, StringSlice, Float64Slice: a slice with the methods of sort.Interface. */
function sortSliceType(name: string, elem: Type): NamedType {
  const t = named('sort', name, { k: 'slice', elem });
  native(t, 'Len', fn([], [T.int]), false);
  native(t, 'Less', fn([T.int, T.int], [T.bool]), false);
  native(t, 'Swap', fn([T.int, T.int], []), false);
  native(t, 'Sort', fn([], []), false);
  return t;
}
export const sortIntSlice = sortSliceType('IntSlice', T.int);
export const sortStringSlice = sortSliceType('StringSlice', T.string);
export const sortFloat64Slice = sortSliceType('Float64Slice', T.float64);
/** What sort.Reverse returns (a *reverse): data with its Less turned round. */
export const sortReverseType = named('sort', 'reverse', {
  k: 'struct',
  fields: [{ name: 'Interface', type: sortInterfaceType, embedded: true }],
});
native(sortReverseType, 'Len', fn([], [T.int]));
native(sortReverseType, 'Less', fn([T.int, T.int], [T.bool]));
native(sortReverseType, 'Swap', fn([T.int, T.int], []));

/** The concrete context kinds, as fmt's %T would name them. */
export const cancelCtxType = named('context', 'cancelCtx', { k: 'struct', fields: [] });
native(cancelCtxType, 'Deadline', fn([], [timeType, T.bool]));
native(cancelCtxType, 'Err', fn([], [errorType]));
native(cancelCtxType, 'Done', fn([], [doneChanType]));
native(cancelCtxType, 'Value', fn([empty], [empty]));
export const cancelCtxPtr: Type = { k: 'ptr', elem: cancelCtxType };
export const cancelFuncType = named('context', 'CancelFunc', fn([], []));
export const cancelCauseFuncType = named('context', 'CancelCauseFunc', fn([errorType], []));

// ---- net/http ------------------------------------------------------------------------
// ---- hash and hash/fnv ----------------------------------------------------------------
const hashMethods: [string, FuncType][] = [
  ['Write', fn([byteSlice], [T.int, errorType])],
  ['Sum', fn([byteSlice], [byteSlice])],
  ['Reset', fn([], [])],
  ['Size', fn([], [T.int])],
  ['BlockSize', fn([], [T.int])],
];
const uint32T = basic('uint32');
const uint64T = basic('uint64');
/** hash.Hash, and Hash32 and Hash64 with their Sum32 and Sum64. */
export const hashType = named('hash', 'Hash', { k: 'iface', methods: new Map(hashMethods) });
export const hash32Type = named('hash', 'Hash32', {
  k: 'iface',
  methods: new Map([...hashMethods, ['Sum32', fn([], [uint32T])]]),
});
export const hash64Type = named('hash', 'Hash64', {
  k: 'iface',
  methods: new Map([...hashMethods, ['Sum64', fn([], [uint64T])]]),
});

/**
 * hash/fnv's hashes, by Go's names (sum32, sum32a, sum64, sum64a): the state so far, in a
 * struct here (Go's is a named uint32 or uint64 the pointer points to).
 */
export const fnvTypes: readonly NamedType[] = ['sum32', 'sum32a', 'sum64', 'sum64a'].map((name) => {
  const wide = name.startsWith('sum64');
  const t = named('fnv', name, {
    k: 'struct',
    fields: [{ name: 'h', type: wide ? uint64T : uint32T, embedded: false }],
  });
  for (const [m, sig] of hashMethods) native(t, m, sig);
  native(t, wide ? 'Sum64' : 'Sum32', fn([], [wide ? uint64T : uint32T]));
  return t;
});

// ---- math/rand's own generators --------------------------------------------------------
/** rand.Source: what rand.New draws from */
export const randSourceType = named('rand', 'Source', {
  k: 'iface',
  methods: new Map([
    ['Int63', fn([], [T.int64])],
    ['Seed', fn([T.int64], [])],
  ]),
});
/** what rand.NewSource makes (Go's rngSource): its state */
export const rngSourceType = named('rand', 'rngSource', {
  k: 'struct',
  fields: [{ name: 'state', type: uint32T, embedded: false }],
});
native(rngSourceType, 'Int63', fn([], [T.int64]));
native(rngSourceType, 'Seed', fn([T.int64], []));
/** rand.Rand: a generator of the program's own, drawing from its Source */
export const randType = named('rand', 'Rand', {
  k: 'struct',
  fields: [{ name: 'src', type: randSourceType, embedded: false }],
});
for (const [name, sig] of [
  ['Intn', fn([T.int], [T.int])],
  ['Int31n', fn([T.int32], [T.int32])],
  ['Int63n', fn([T.int64], [T.int64])],
  ['Int', fn([], [T.int])],
  ['Int31', fn([], [T.int32])],
  ['Int63', fn([], [T.int64])],
  ['Uint32', fn([], [uint32T])],
  ['Float64', fn([], [T.float64])],
  ['Perm', fn([T.int], [{ k: 'slice', elem: T.int }])],
  ['Shuffle', fn([T.int, fn([T.int, T.int], [])], [])],
  ['Seed', fn([T.int64], [])],
] as const)
  native(randType, name, sig);
const randPtr: Type = { k: 'ptr', elem: randType };

// ---- encoding/json ---------------------------------------------------------------------
/** json.Marshaler: a type's own MarshalJSON */
export const jsonMarshalerType = named('json', 'Marshaler', {
  k: 'iface',
  methods: new Map([['MarshalJSON', fn([], [byteSlice, errorType])]]),
});
/** json.Encoder: the writer, and SetIndent's and SetEscapeHTML's settings */
export const jsonEncoderType = named('json', 'Encoder', {
  k: 'struct',
  fields: [
    { name: 'w', type: emptyInterface, embedded: false },
    { name: 'prefix', type: T.string, embedded: false },
    { name: 'indent', type: T.string, embedded: false },
    { name: 'escapeHTML', type: T.bool, embedded: false },
  ],
});
native(jsonEncoderType, 'Encode', fn([emptyInterface], [errorType]));
native(jsonEncoderType, 'SetIndent', fn([T.string, T.string], []));
native(jsonEncoderType, 'SetEscapeHTML', fn([T.bool], []));

export const readCloserType = named('io', 'ReadCloser', {
  k: 'iface',
  methods: new Map<string, FuncType>([['Close', fn([], [errorType])]]),
});
export const httpBodyType = named('http', 'body', { k: 'struct', fields: [] });
native(httpBodyType, 'Close', fn([], [errorType]));
export const httpBodyPtr: Type = { k: 'ptr', elem: httpBodyType };
export const responseType = named('http', 'Response', {
  k: 'struct',
  fields: [
    { name: 'Status', type: T.string, embedded: false },
    { name: 'StatusCode', type: T.int, embedded: false },
    { name: 'Body', type: readCloserType, embedded: false },
  ],
});
export const responsePtr: Type = { k: 'ptr', elem: responseType };

/** Simulated latency of http.Get: the 50 ms call measured in go-semantics.md. */
export const HTTP_GET_LATENCY_NS = 50_000_000;

// ---- package members -----------------------------------------------------------------
export type Member =
  | { readonly k: 'func'; readonly type: FuncType; readonly native: string }
  | { readonly k: 'type'; readonly type: Type }
  | { readonly k: 'const'; readonly type: Type; readonly value: number | bigint | string | boolean }
  | { readonly k: 'var'; readonly type: Type; readonly native: string }
  | { readonly k: 'unsupported'; readonly why: string }
  /**
   * a generic function (package slices): its signature for the type of its first argument, or
   * why that type does not fit (types2's words)
   */
  | {
      readonly k: 'generic';
      readonly native: string;
      readonly instantiate: (first: Type, call: string) => FuncType | string;
    };

const f = (type: FuncType, nativeName: string): Member => ({ k: 'func', type, native: nativeName });

const ORDERED: ReadonlySet<BasicName> = new Set<BasicName>([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'float32',
  'float64',
  'string',
]);

/** cmp.Ordered: a constraint, the integer, float and string types and those defined on them */
const orderedType = named('cmp', 'Ordered', {
  k: 'iface',
  methods: new Map(),
  terms: [[...ORDERED].map((n) => ({ tilde: true, type: basic(n) }))],
});

/** Does t satisfy cmp.Ordered? */
export function isOrdered(t: Type): boolean {
  const u = under(t);
  return u.k === 'basic' && ORDERED.has(u.name);
}

/** cmp.Compare or cmp.Less[T cmp.Ordered](x, y T): T is the first argument's type. */
function cmpFunc(name: string, result: Type): Member {
  return {
    k: 'generic',
    native: `cmp.${name}`,
    instantiate: (t, call) => {
      const u = under(t);
      if (!(u.k === 'basic' && ORDERED.has(u.name)))
        return `in call to ${call}, T (type ${typeString(t)}) does not satisfy cmp.Ordered`;
      return fn([t, t], [result]);
    },
  };
}

/**
 * One of package slices' functions over S ~[]E: its signature for s's type, given the rest of
 * the parameters and results from E; `ordered` for those that need cmp.Ordered, else E must
 * be comparable (or anything, for Reverse).
 */
function slicesFunc(
  name: string,
  need: 'ordered' | 'comparable' | 'any',
  sig: (s: Type, e: Type) => FuncType,
): Member {
  return {
    k: 'generic',
    native: `slices.${name}`,
    instantiate: (s, call) => {
      const u = under(s);
      if (u.k !== 'slice')
        return `in call to ${call}, S (type ${typeString(s)}) does not satisfy ~[]E`;
      const e = u.elem;
      const eu = under(e);
      if (need === 'ordered' && !(eu.k === 'basic' && ORDERED.has(eu.name)))
        return `in call to ${call}, E (type ${typeString(e)}) does not satisfy cmp.Ordered`;
      if (need === 'comparable' && !comparable(e))
        return `in call to ${call}, E (type ${typeString(e)}) does not satisfy comparable`;
      return sig(s, e);
    },
  };
}

/** unicode's classes of one rune that Interleave has (textlib.ts, by Unicode property) */
export const UNICODE_CLASSES = [
  'IsUpper',
  'IsLower',
  'IsLetter',
  'IsDigit',
  'IsNumber',
  'IsSpace',
  'IsPunct',
] as const;

/** math's functions of one float64, and of two, that Interleave has (natives.ts) */
export const MATH_UNARY = [
  'Abs',
  'Sqrt',
  'Cbrt',
  'Floor',
  'Ceil',
  'Round',
  'RoundToEven',
  'Trunc',
  'Exp',
  'Exp2',
  'Log',
  'Log2',
  'Log10',
  'Log1p',
  'Sin',
  'Cos',
  'Tan',
  'Asin',
  'Acos',
  'Atan',
] as const;
export const MATH_BINARY = [
  'Max',
  'Min',
  'Pow',
  'Mod',
  'Hypot',
  'Atan2',
  'Dim',
  'Copysign',
] as const;
const anyVariadic = { k: 'slice', elem: empty } as const;

/**
 * The simulated machine's CPUs (runtime.NumCPU, and GOMAXPROCS until a program changes it).
 * Interleave runs one step at a time whatever GOMAXPROCS says: the schedules it tries include
 * every interleaving parallel threads could produce at its steps' grain, and Go preempts
 * goroutines even with GOMAXPROCS(1), so races and lost updates happen there too.
 */
export const SIMULATED_CPUS = 8;

/** log's flags (log.go) */
export const LOG_FLAGS = {
  Ldate: 1,
  Ltime: 2,
  Lmicroseconds: 4,
  Llongfile: 8,
  Lshortfile: 16,
  LUTC: 32,
  Lmsgprefix: 64,
  LstdFlags: 3,
} as const;

const stringSlice: Type = { k: 'slice', elem: T.string };

const NS = {
  Nanosecond: 1,
  Microsecond: 1e3,
  Millisecond: 1e6,
  Second: 1e9,
  Minute: 60e9,
  Hour: 3600e9,
};

export const packages: ReadonlyMap<string, ReadonlyMap<string, Member>> = new Map<
  string,
  Map<string, Member>
>([
  [
    'fmt',
    new Map<string, Member>([
      // (n int, err error), as Go's: the bytes written, and a nil error
      ['Println', f(fn([anyVariadic], [T.int, errorType], true), 'fmt.Println')],
      ['Print', f(fn([anyVariadic], [T.int, errorType], true), 'fmt.Print')],
      ['Printf', f(fn([T.string, anyVariadic], [T.int, errorType], true), 'fmt.Printf')],
      ['Sprintf', f(fn([T.string, anyVariadic], [T.string], true), 'fmt.Sprintf')],
      ['Sprint', f(fn([anyVariadic], [T.string], true), 'fmt.Sprint')],
      ['Sprintln', f(fn([anyVariadic], [T.string], true), 'fmt.Sprintln')],
      ['Errorf', f(fn([T.string, anyVariadic], [errorType], true), 'fmt.Errorf')],
      ['Fprint', f(fn([writerType, anyVariadic], [T.int, errorType], true), 'fmt.Fprint')],
      ['Fprintln', f(fn([writerType, anyVariadic], [T.int, errorType], true), 'fmt.Fprintln')],
      [
        'Fprintf',
        f(fn([writerType, T.string, anyVariadic], [T.int, errorType], true), 'fmt.Fprintf'),
      ],
      ['Stringer', { k: 'type', type: stringerType }],
    ]),
  ],
  [
    'sync',
    new Map<string, Member>([
      ['Mutex', { k: 'type', type: mutexType }],
      ['RWMutex', { k: 'type', type: rwmutexType }],
      ['WaitGroup', { k: 'type', type: waitGroupType }],
      ['Once', { k: 'type', type: onceType }],
      ['Cond', { k: 'type', type: condType }],
      ['NewCond', f(fn([lockerType], [{ k: 'ptr', elem: condType }]), 'sync.NewCond')],
      ['Map', { k: 'type', type: syncMapType }],
      ['Pool', { k: 'type', type: poolType }],
      ['Locker', { k: 'type', type: lockerType }],
    ]),
  ],
  [
    'time',
    new Map<string, Member>([
      ['Duration', { k: 'type', type: durationType }],
      ['Time', { k: 'type', type: timeType }],
      ['Month', { k: 'type', type: monthType }],
      ['Weekday', { k: 'type', type: weekdayType }],
      ...'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'
        .split(' ')
        .map((n, i) => [n, { k: 'const', type: weekdayType, value: i }] as [string, Member]),
      ...'January February March April May June July August September October November December'
        .split(' ')
        .map((n, i) => [n, { k: 'const', type: monthType, value: i + 1 }] as [string, Member]),
      ['ParseDuration', f(fn([T.string], [durationType, errorType]), 'time.ParseDuration')],
      ...(
        [
          ['Layout', "01/02 03:04:05PM '06 -0700"],
          ['ANSIC', 'Mon Jan _2 15:04:05 2006'],
          ['UnixDate', 'Mon Jan _2 15:04:05 MST 2006'],
          ['RFC822', '02 Jan 06 15:04 MST'],
          ['RFC1123', 'Mon, 02 Jan 2006 15:04:05 MST'],
          ['RFC3339', '2006-01-02T15:04:05Z07:00'],
          ['RFC3339Nano', '2006-01-02T15:04:05.999999999Z07:00'],
          ['Kitchen', '3:04PM'],
          ['Stamp', 'Jan _2 15:04:05'],
          ['StampMilli', 'Jan _2 15:04:05.000'],
          ['StampMicro', 'Jan _2 15:04:05.000000'],
          ['DateTime', '2006-01-02 15:04:05'],
          ['DateOnly', '2006-01-02'],
          ['TimeOnly', '15:04:05'],
        ] as const
      ).map(([n, v]) => [n, { k: 'const', type: T.untypedString, value: v }] as [string, Member]),
      ['Sleep', f(fn([durationType], []), 'time.Sleep')],
      ['Now', f(fn([], [timeType]), 'time.Now')],
      ['Since', f(fn([timeType], [durationType]), 'time.Since')],
      ['Until', f(fn([timeType], [durationType]), 'time.Until')],
      ...Object.entries(NS).map(
        ([n, v]) => [n, { k: 'const', type: durationType, value: v }] as [string, Member],
      ),
      ['After', f(fn([durationType], [afterChanType]), 'time.After')],
      ['Tick', f(fn([durationType], [afterChanType]), 'time.Tick')],
      ['NewTicker', f(fn([durationType], [tickerPtr]), 'time.NewTicker')],
      ['NewTimer', f(fn([durationType], [timerPtr]), 'time.NewTimer')],
      ['Ticker', { k: 'type', type: tickerType }],
      ['AfterFunc', f(fn([durationType, fn([], [])], [timerPtr]), 'time.AfterFunc')],
      ['Timer', { k: 'type', type: timerType }],
    ]),
  ],
  [
    'context',
    new Map<string, Member>([
      ['Context', { k: 'type', type: contextType }],
      ['CancelFunc', { k: 'type', type: cancelFuncType }],
      ['CancelCauseFunc', { k: 'type', type: cancelCauseFuncType }],
      [
        'WithCancelCause',
        f(fn([contextType], [contextType, cancelCauseFuncType]), 'context.WithCancelCause'),
      ],
      ['Cause', f(fn([contextType], [errorType]), 'context.Cause')],
      ['Background', f(fn([], [contextType]), 'context.Background')],
      ['TODO', f(fn([], [contextType]), 'context.TODO')],
      ['WithCancel', f(fn([contextType], [contextType, cancelFuncType]), 'context.WithCancel')],
      [
        'WithTimeout',
        f(fn([contextType, durationType], [contextType, cancelFuncType]), 'context.WithTimeout'),
      ],
      [
        'WithDeadline',
        f(fn([contextType, timeType], [contextType, cancelFuncType]), 'context.WithDeadline'),
      ],
      ['WithValue', f(fn([contextType, empty, empty], [contextType]), 'context.WithValue')],
      [
        'WithTimeoutCause',
        f(
          fn([contextType, durationType, errorType], [contextType, cancelFuncType]),
          'context.WithTimeoutCause',
        ),
      ],
      [
        'WithDeadlineCause',
        f(
          fn([contextType, timeType, errorType], [contextType, cancelFuncType]),
          'context.WithDeadlineCause',
        ),
      ],
      ['WithoutCancel', f(fn([contextType], [contextType]), 'context.WithoutCancel')],
      ['AfterFunc', f(fn([contextType, fn([], [])], [fn([], [T.bool])]), 'context.AfterFunc')],
      ['Canceled', { k: 'var', type: errorType, native: 'context.Canceled' }],
      ['DeadlineExceeded', { k: 'var', type: errorType, native: 'context.DeadlineExceeded' }],
    ]),
  ],
  [
    'errors',
    new Map<string, Member>([
      ['New', f(fn([T.string], [errorType]), 'errors.New')],
      ['Is', f(fn([errorType, errorType], [T.bool]), 'errors.Is')],
      ['As', f(fn([errorType, empty], [T.bool]), 'errors.As')],
      ['Unwrap', f(fn([errorType], [errorType]), 'errors.Unwrap')],
      ['Join', f(fn([{ k: 'slice', elem: errorType }], [errorType], true), 'errors.Join')],
    ]),
  ],
  [
    'net/http',
    new Map<string, Member>([
      ['Get', f(fn([T.string], [responsePtr, errorType]), 'http.Get')],
      ['Response', { k: 'type', type: responseType }],
      ['StatusOK', { k: 'const', type: { k: 'basic', name: 'untyped int' }, value: 200 }],
      [
        'HandleFunc',
        { k: 'unsupported', why: 'net/http servers are not simulated; only http.Get is' },
      ],
      [
        'ListenAndServe',
        { k: 'unsupported', why: 'net/http servers are not simulated; only http.Get is' },
      ],
      ['Post', { k: 'unsupported', why: 'only http.Get is simulated' }],
    ]),
  ],
  [
    'bytes',
    new Map<string, Member>([
      ['Buffer', { k: 'type', type: bufferType }],
      [
        'NewBufferString',
        f(fn([T.string], [{ k: 'ptr', elem: bufferType }]), 'bytes.NewBufferString'),
      ],
      ['NewBuffer', f(fn([byteSlice], [{ k: 'ptr', elem: bufferType }]), 'bytes.NewBuffer')],
    ]),
  ],
  [
    'encoding/json',
    new Map<string, Member>([
      ['Marshal', f(fn([emptyInterface], [byteSlice, errorType]), 'json.Marshal')],
      [
        'MarshalIndent',
        f(fn([emptyInterface, T.string, T.string], [byteSlice, errorType]), 'json.MarshalIndent'),
      ],
      ['NewEncoder', f(fn([writerType], [{ k: 'ptr', elem: jsonEncoderType }]), 'json.NewEncoder')],
      ['Marshaler', { k: 'type', type: jsonMarshalerType }],
      ['Encoder', { k: 'type', type: jsonEncoderType }],
    ]),
  ],
  [
    'math/rand',
    new Map<string, Member>([
      ['Intn', f(fn([T.int], [T.int]), 'rand.Intn')],
      ['Int31n', f(fn([T.int32], [T.int32]), 'rand.Intn')],
      ['Int63n', f(fn([T.int64], [T.int64]), 'rand.Intn')],
      ['Int', f(fn([], [T.int]), 'rand.Int')],
      ['Int63', f(fn([], [T.int64]), 'rand.Int')],
      ['Float64', f(fn([], [T.float64]), 'rand.Float64')],
      ['Perm', f(fn([T.int], [{ k: 'slice', elem: T.int }]), 'rand.Perm')],
      ['Shuffle', f(fn([T.int, fn([T.int, T.int], [])], []), 'rand.Shuffle')],
      ['Seed', f(fn([T.int64], []), 'rand.Seed')],
      ['New', f(fn([randSourceType], [randPtr]), 'rand.New')],
      ['NewSource', f(fn([T.int64], [randSourceType]), 'rand.NewSource')],
      ['Source', { k: 'type', type: randSourceType }],
      ['Rand', { k: 'type', type: randType }],
    ]),
  ],
  [
    'math/rand/v2',
    new Map<string, Member>([
      ['IntN', f(fn([T.int], [T.int]), 'rand.Intn')],
      ['Int64N', f(fn([T.int64], [T.int64]), 'rand.Intn')],
      ['Int', f(fn([], [T.int]), 'rand.Int')],
      ['Int64', f(fn([], [T.int64]), 'rand.Int')],
      ['Float64', f(fn([], [T.float64]), 'rand.Float64')],
      ['Perm', f(fn([T.int], [{ k: 'slice', elem: T.int }]), 'rand.Perm')],
      ['Shuffle', f(fn([T.int, fn([T.int, T.int], [])], []), 'rand.Shuffle')],
    ]),
  ],
  [
    'runtime',
    new Map<string, Member>([
      ['Gosched', f(fn([], []), 'runtime.Gosched')],
      ['GC', f(fn([], []), 'runtime.GC')],
      ['NumGoroutine', f(fn([], [T.int]), 'runtime.NumGoroutine')],
      ['NumCPU', f(fn([], [T.int]), 'runtime.NumCPU')],
      ['GOMAXPROCS', f(fn([T.int], [T.int]), 'runtime.GOMAXPROCS')],
      ['Error', { k: 'type', type: runtimeErrorType }],
      ['TypeAssertionError', { k: 'type', type: typeAssertionError }],
      ['PanicNilError', { k: 'type', type: panicNilError }],
    ]),
  ],
  [
    'sync/atomic',
    new Map<string, Member>([
      ...atomicTypes.map((t) => [t.name, { k: 'type', type: t }] as [string, Member]),
      ...ATOMIC_KINDS.flatMap((k) => {
        const v = atomicBasic(k);
        return ATOMIC_OPS.map((op) => {
          const sig = atomicSig(op, v);
          const params = [{ k: 'ptr', elem: v } as Type, ...sig.params];
          return [`${op}${k}`, f(fn(params, [...sig.results]), `atomic.${op}${k}`)] as [
            string,
            Member,
          ];
        });
      }),
      ['Value', { k: 'type', type: atomicValueType }],
      // (atomic.Pointer[T]: the compiler instantiates it, see atomicPointerType)
      ['Pointer', { k: 'unsupported', why: 'atomic.Pointer as a value' }],
      ['Uintptr', { k: 'unsupported', why: 'atomic.Uintptr is not simulated' }],
    ]),
  ],
  [
    // the default logger's four levels and the common Attr makers: what a program writes
    // before it builds a logger of its own (slog.New, handlers: not simulated)
    'log/slog',
    new Map<string, Member>([
      ...['Debug', 'Info', 'Warn', 'Error'].map(
        (n) => [n, f(fn([T.string, anyVariadic], [], true), `slog.${n}`)] as [string, Member],
      ),
      ['Attr', { k: 'type', type: slogAttrType }],
      ...SLOG_ATTR_MAKERS.map(
        ([n, t]) => [n, f(fn([T.string, t], [slogAttrType]), `slog.${n}`)] as [string, Member],
      ),
    ]),
  ],
  [
    'log',
    new Map<string, Member>([
      ...['Print', 'Println', 'Fatal', 'Fatalln', 'Panic', 'Panicln'].map(
        (n) => [n, f(fn([anyVariadic], [], true), `log.${n}`)] as [string, Member],
      ),
      ...['Printf', 'Fatalf', 'Panicf'].map(
        (n) => [n, f(fn([T.string, anyVariadic], [], true), `log.${n}`)] as [string, Member],
      ),
      ['SetFlags', f(fn([T.int], []), 'log.SetFlags')],
      ['SetPrefix', f(fn([T.string], []), 'log.SetPrefix')],
      ['Flags', f(fn([], [T.int]), 'log.Flags')],
      ['Prefix', f(fn([], [T.string]), 'log.Prefix')],
      ...Object.entries(LOG_FLAGS).map(
        ([n, v]) =>
          [n, { k: 'const', type: { k: 'basic', name: 'untyped int' }, value: v }] as [
            string,
            Member,
          ],
      ),
      ['New', { k: 'unsupported', why: 'only the standard logger (log.Println...) is simulated' }],
      [
        'Logger',
        { k: 'unsupported', why: 'only the standard logger (log.Println...) is simulated' },
      ],
      [
        'SetOutput',
        { k: 'unsupported', why: 'log writes to stderr; log.SetOutput is not simulated' },
      ],
      [
        'Default',
        { k: 'unsupported', why: 'only the standard logger (log.Println...) is simulated' },
      ],
    ]),
  ],
  [
    'slices',
    new Map<string, Member>([
      ['Sort', slicesFunc('Sort', 'ordered', (s) => fn([s], []))],
      ['Contains', slicesFunc('Contains', 'comparable', (s, e) => fn([s, e], [T.bool]))],
      ['Index', slicesFunc('Index', 'comparable', (s, e) => fn([s, e], [T.int]))],
      ['Max', slicesFunc('Max', 'ordered', (s, e) => fn([s], [e]))],
      ['Min', slicesFunc('Min', 'ordered', (s, e) => fn([s], [e]))],
      ['Reverse', slicesFunc('Reverse', 'any', (s) => fn([s], []))],
      ['Clone', slicesFunc('Clone', 'any', (s) => fn([s], [s]))],
      [
        'BinarySearch',
        slicesFunc('BinarySearch', 'ordered', (s, e) => fn([s, e], [T.int, T.bool])),
      ],
      ['Equal', slicesFunc('Equal', 'comparable', (s) => fn([s, s], [T.bool]))],
      [
        'Collect',
        {
          k: 'unsupported',
          why: 'slices.Collect of anything but maps.Keys(m) or maps.Values(m) (iterators are not simulated yet)',
        },
      ],
      [
        'Sorted',
        {
          k: 'unsupported',
          why: 'slices.Sorted of anything but maps.Keys(m) or maps.Values(m) (iterators are not simulated yet)',
        },
      ],
      // (the function runs as Go code, inside the step, as sort.Slice's less does)
      ['SortFunc', slicesFunc('SortFunc', 'any', (s, e) => fn([s, fn([e, e], [T.int])], []))],
      [
        'SortStableFunc',
        slicesFunc('SortStableFunc', 'any', (s, e) => fn([s, fn([e, e], [T.int])], [])),
      ],
      ['IndexFunc', slicesFunc('IndexFunc', 'any', (s, e) => fn([s, fn([e], [T.bool])], [T.int]))],
      [
        'ContainsFunc',
        slicesFunc('ContainsFunc', 'any', (s, e) => fn([s, fn([e], [T.bool])], [T.bool])),
      ],
    ]),
  ],
  [
    // maps.Keys, Values and All return iterators: the compiler runs them where they are ranged
    // over, in a for statement or in slices.Collect and slices.Sorted (compile.ts, mapsSeq)
    'maps',
    new Map<string, Member>([
      [
        'Clone',
        {
          k: 'generic',
          native: 'maps.Clone',
          instantiate: (t, call) =>
            under(t).k === 'map'
              ? fn([t], [t])
              : `in call to ${call}, M (type ${typeString(t)}) does not satisfy ~map[K]V`,
        },
      ],
      [
        'Keys',
        {
          k: 'unsupported',
          why: 'maps.Keys returns an iterator (iter.Seq), which Interleave runs only in a for range statement, slices.Collect or slices.Sorted',
        },
      ],
      [
        'Values',
        {
          k: 'unsupported',
          why: 'maps.Values returns an iterator (iter.Seq), which Interleave runs only in a for range statement, slices.Collect or slices.Sorted',
        },
      ],
      [
        'All',
        {
          k: 'unsupported',
          why: 'maps.All returns an iterator (iter.Seq), which Interleave runs only in a for range statement, slices.Collect or slices.Sorted',
        },
      ],
    ]),
  ],
  [
    'unicode',
    new Map<string, Member>([
      ...UNICODE_CLASSES.map(
        (n) => [n, f(fn([T.rune], [T.bool]), `unicode.${n}`)] as [string, Member],
      ),
      ['ToUpper', f(fn([T.rune], [T.rune]), 'unicode.ToUpper')],
      ['ToTitle', f(fn([T.rune], [T.rune]), 'unicode.ToTitle')],
      ['ToLower', f(fn([T.rune], [T.rune]), 'unicode.ToLower')],
      ['MaxRune', { k: 'const', type: T.untypedRune, value: 0x10ffff }],
      ['ReplacementChar', { k: 'const', type: T.untypedRune, value: 0xfffd }],
    ]),
  ],
  [
    'unicode/utf8',
    new Map<string, Member>([
      ['RuneCountInString', f(fn([T.string], [T.int]), 'utf8.RuneCountInString')],
      ['RuneLen', f(fn([T.rune], [T.int]), 'utf8.RuneLen')],
      ['DecodeRuneInString', f(fn([T.string], [T.rune, T.int]), 'utf8.DecodeRuneInString')],
      ['DecodeLastRuneInString', f(fn([T.string], [T.rune, T.int]), 'utf8.DecodeLastRuneInString')],
      ['ValidRune', f(fn([T.rune], [T.bool]), 'utf8.ValidRune')],
      ['RuneError', { k: 'const', type: T.untypedRune, value: 0xfffd }],
      ['UTFMax', { k: 'const', type: T.untypedInt, value: 4 }],
      ['RuneSelf', { k: 'const', type: T.untypedInt, value: 0x80 }],
      ['MaxRune', { k: 'const', type: T.untypedRune, value: 0x10ffff }],
    ]),
  ],
  [
    'cmp',
    new Map<string, Member>([
      ['Compare', cmpFunc('Compare', T.int)],
      ['Less', cmpFunc('Less', T.bool)],
      ['Ordered', { k: 'type', type: orderedType }],
    ]),
  ],
  [
    'math',
    new Map<string, Member>([
      // float64 -> float64 (and a few of two arguments), each a pure computation
      ...MATH_UNARY.map(
        (n) => [n, f(fn([T.float64], [T.float64]), `math.${n}`)] as [string, Member],
      ),
      ...MATH_BINARY.map(
        (n) => [n, f(fn([T.float64, T.float64], [T.float64]), `math.${n}`)] as [string, Member],
      ),
      ['Inf', f(fn([T.int], [T.float64]), 'math.Inf')],
      ['NaN', f(fn([], [T.float64]), 'math.NaN')],
      ['IsInf', f(fn([T.float64, T.int], [T.bool]), 'math.IsInf')],
      ['IsNaN', f(fn([T.float64], [T.bool]), 'math.IsNaN')],
      ['Float64bits', f(fn([T.float64], [uint64T]), 'math.Float64bits')],
      ['Float64frombits', f(fn([uint64T], [T.float64]), 'math.Float64frombits')],
      ['Float32bits', f(fn([T.float32], [uint32T]), 'math.Float32bits')],
      ['Float32frombits', f(fn([uint32T], [T.float32]), 'math.Float32frombits')],
      ['Signbit', f(fn([T.float64], [T.bool]), 'math.Signbit')],
      ...(
        [
          ['Pi', Math.PI],
          ['E', Math.E],
          ['Sqrt2', Math.SQRT2],
          ['Ln2', Math.LN2],
          ['Ln10', Math.LN10],
          ['MaxFloat64', Number.MAX_VALUE],
          ['SmallestNonzeroFloat64', Number.MIN_VALUE],
          ['MaxFloat32', 3.4028234663852886e38],
        ] as const
      ).map(([n, v]) => [n, { k: 'const', type: T.untypedFloat, value: v }] as [string, Member]),
      ...(
        [
          ['MaxInt8', 127],
          ['MinInt8', -128],
          ['MaxInt16', 32767],
          ['MinInt16', -32768],
          ['MaxInt32', 2147483647],
          ['MinInt32', -2147483648],
          ['MaxUint8', 255],
          ['MaxUint16', 65535],
          ['MaxUint32', 4294967295],
        ] as const
      ).map(([n, v]) => [n, { k: 'const', type: T.untypedInt, value: v }] as [string, Member]),
      // (past 2^53: bigints, see runtime/int64.ts)
      ...(
        [
          ['MaxInt', 2n ** 63n - 1n],
          ['MinInt', -(2n ** 63n)],
          ['MaxInt64', 2n ** 63n - 1n],
          ['MinInt64', -(2n ** 63n)],
          ['MaxUint', 2n ** 64n - 1n],
          ['MaxUint64', 2n ** 64n - 1n],
        ] as const
      ).map(([n, v]) => [n, { k: 'const', type: T.untypedInt, value: v }] as [string, Member]),
    ]),
  ],
  [
    'strconv',
    new Map<string, Member>([
      ['Itoa', f(fn([T.int], [T.string]), 'strconv.Itoa')],
      ['Atoi', f(fn([T.string], [T.int, errorType]), 'strconv.Atoi')],
      ['FormatInt', f(fn([T.int64, T.int], [T.string]), 'strconv.FormatInt')],
      ['FormatUint', f(fn([uint64T, T.int], [T.string]), 'strconv.FormatUint')],
      ['Quote', f(fn([T.string], [T.string]), 'strconv.Quote')],
      ['ParseInt', f(fn([T.string, T.int, T.int], [T.int64, errorType]), 'strconv.ParseInt')],
      [
        'ParseUint',
        f(fn([T.string, T.int, T.int], [basic('uint64'), errorType]), 'strconv.ParseUint'),
      ],
      ['ParseFloat', f(fn([T.string, T.int], [T.float64, errorType]), 'strconv.ParseFloat')],
      ['ParseBool', f(fn([T.string], [T.bool, errorType]), 'strconv.ParseBool')],
      ['FormatBool', f(fn([T.bool], [T.string]), 'strconv.FormatBool')],
      ['FormatFloat', f(fn([T.float64, T.byte, T.int, T.int], [T.string]), 'strconv.FormatFloat')],
    ]),
  ],
  [
    'strings',
    new Map<string, Member>([
      ...(
        [
          ['Contains', [T.string, T.string], T.bool],
          ['HasPrefix', [T.string, T.string], T.bool],
          ['HasSuffix', [T.string, T.string], T.bool],
          ['EqualFold', [T.string, T.string], T.bool],
          ['Index', [T.string, T.string], T.int],
          ['LastIndex', [T.string, T.string], T.int],
          ['Count', [T.string, T.string], T.int],
          ['Join', [stringSlice, T.string], T.string],
          ['Split', [T.string, T.string], stringSlice],
          ['Fields', [T.string], stringSlice],
          ['Repeat', [T.string, T.int], T.string],
          ['Replace', [T.string, T.string, T.string, T.int], T.string],
          ['ReplaceAll', [T.string, T.string, T.string], T.string],
          ['ToUpper', [T.string], T.string],
          ['ToLower', [T.string], T.string],
          ['TrimSpace', [T.string], T.string],
          ['Trim', [T.string, T.string], T.string],
          ['TrimLeft', [T.string, T.string], T.string],
          ['TrimRight', [T.string, T.string], T.string],
          ['ContainsRune', [T.string, T.rune], T.bool],
          ['IndexRune', [T.string, T.rune], T.int],
          ['IndexByte', [T.string, T.byte], T.int],
          ['TrimPrefix', [T.string, T.string], T.string],
          ['TrimSuffix', [T.string, T.string], T.string],
          ['SplitN', [T.string, T.string, T.int], stringSlice],
          ['Compare', [T.string, T.string], T.int],
          ['ContainsAny', [T.string, T.string], T.bool],
          ['IndexAny', [T.string, T.string], T.int],
          ['LastIndexAny', [T.string, T.string], T.int],
          ['LastIndexByte', [T.string, T.byte], T.int],
          ['SplitAfter', [T.string, T.string], stringSlice],
          ['ToTitle', [T.string], T.string],
        ] as [string, Type[], Type][]
      ).map(
        ([n, params, result]) => [n, f(fn(params, [result]), `strings.${n}`)] as [string, Member],
      ),
      ['Cut', f(fn([T.string, T.string], [T.string, T.string, T.bool]), 'strings.Cut')],
      ['Map', f(fn([fn([T.rune], [T.rune]), T.string], [T.string]), 'strings.Map')],
      ...['IndexFunc', 'LastIndexFunc'].map(
        (n) =>
          [n, f(fn([T.string, fn([T.rune], [T.bool])], [T.int]), `strings.${n}`)] as [
            string,
            Member,
          ],
      ),
      ['ContainsFunc', f(fn([T.string, fn([T.rune], [T.bool])], [T.bool]), 'strings.ContainsFunc')],
      [
        'FieldsFunc',
        f(fn([T.string, fn([T.rune], [T.bool])], [stringSlice]), 'strings.FieldsFunc'),
      ],
      ...['TrimFunc', 'TrimLeftFunc', 'TrimRightFunc'].map(
        (n) =>
          [n, f(fn([T.string, fn([T.rune], [T.bool])], [T.string]), `strings.${n}`)] as [
            string,
            Member,
          ],
      ),
      ['CutPrefix', f(fn([T.string, T.string], [T.string, T.bool]), 'strings.CutPrefix')],
      ['CutSuffix', f(fn([T.string, T.string], [T.string, T.bool]), 'strings.CutSuffix')],
      ['Builder', { k: 'type', type: builderType }],
      ['Replacer', { k: 'type', type: replacerType }],
      [
        'NewReplacer',
        f(fn([stringSlice], [{ k: 'ptr', elem: replacerType }], true), 'strings.NewReplacer'),
      ],
    ]),
  ],
  [
    'sort',
    new Map<string, Member>([
      ['Ints', f(fn([{ k: 'slice', elem: T.int }], []), 'sort.Ints')],
      ['Strings', f(fn([stringSlice], []), 'sort.Strings')],
      ['Float64s', f(fn([{ k: 'slice', elem: T.float64 }], []), 'sort.Float64s')],
      ['Slice', f(fn([empty, fn([T.int, T.int], [T.bool])], []), 'sort.Slice')],
      ['SliceStable', f(fn([empty, fn([T.int, T.int], [T.bool])], []), 'sort.SliceStable')],
      ['Interface', { k: 'type', type: sortInterfaceType }],
      ['Sort', f(fn([sortInterfaceType], []), 'sort.Sort')],
      ['IntSlice', { k: 'type', type: sortIntSlice }],
      ['StringSlice', { k: 'type', type: sortStringSlice }],
      ['Float64Slice', { k: 'type', type: sortFloat64Slice }],
      ['Reverse', f(fn([sortInterfaceType], [sortInterfaceType]), 'sort.Reverse')],
      ['Stable', f(fn([sortInterfaceType], []), 'sort.Stable')],
      ['IsSorted', f(fn([sortInterfaceType], [T.bool]), 'sort.IsSorted')],
      [
        'SliceIsSorted',
        f(fn([empty, fn([T.int, T.int], [T.bool])], [T.bool]), 'sort.SliceIsSorted'),
      ],
      ['IntsAreSorted', f(fn([{ k: 'slice', elem: T.int }], [T.bool]), 'sort.IntsAreSorted')],
      ['StringsAreSorted', f(fn([stringSlice], [T.bool]), 'sort.StringsAreSorted')],
      [
        'Float64sAreSorted',
        f(fn([{ k: 'slice', elem: T.float64 }], [T.bool]), 'sort.Float64sAreSorted'),
      ],
      ['Search', f(fn([T.int, fn([T.int], [T.bool])], [T.int]), 'sort.Search')],
      ['SearchInts', f(fn([{ k: 'slice', elem: T.int }, T.int], [T.int]), 'sort.SearchInts')],
      ['SearchStrings', f(fn([stringSlice, T.string], [T.int]), 'sort.SearchStrings')],
      [
        'SearchFloat64s',
        f(fn([{ k: 'slice', elem: T.float64 }, T.float64], [T.int]), 'sort.SearchFloat64s'),
      ],
    ]),
  ],
  [
    'os',
    new Map<string, Member>([
      ['Exit', f(fn([T.int], []), 'os.Exit')],
      ['Stdout', { k: 'var', type: filePtr, native: 'os.Stdout' }],
      ['Stderr', { k: 'var', type: filePtr, native: 'os.Stderr' }],
      ['File', { k: 'type', type: fileType }],
    ]),
  ],
  ['io', new Map<string, Member>([['Writer', { k: 'type', type: writerType }]])],
  [
    'hash',
    new Map<string, Member>([
      ['Hash', { k: 'type', type: hashType }],
      ['Hash32', { k: 'type', type: hash32Type }],
      ['Hash64', { k: 'type', type: hash64Type }],
    ]),
  ],
  [
    'hash/fnv',
    new Map<string, Member>([
      ['New32', f(fn([], [hash32Type]), 'fnv.New32')],
      ['New32a', f(fn([], [hash32Type]), 'fnv.New32a')],
      ['New64', f(fn([], [hash64Type]), 'fnv.New64')],
      ['New64a', f(fn([], [hash64Type]), 'fnv.New64a')],
    ]),
  ],
]);

/** The name a package is referred to by (`net/http` -> `http`). */
/**
 * Every name some packages export (Go 1.23), for those whose list is short: a name not in it
 * is gc's `undefined: fmt.Printn`, a name in it that Interleave lacks is unsupported.
 */
export const exportedNames: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'fmt',
    new Set(
      'Append Appendf Appendln Errorf FormatString Formatter Fprint Fprintf Fprintln Fscan Fscanf Fscanln GoStringer Print Printf Println Scan ScanState Scanf Scanln Scanner Sprint Sprintf Sprintln Sscan Sscanf Sscanln State Stringer'.split(
        ' ',
      ),
    ),
  ],
  [
    'sync',
    new Set(
      'Cond Locker Map Mutex NewCond Once OnceFunc OnceValue OnceValues Pool RWMutex WaitGroup'.split(
        ' ',
      ),
    ),
  ],
  ['errors', new Set('As ErrUnsupported Is Join New Unwrap'.split(' '))],
  [
    'log/slog',
    new Set(
      'Any AnyValue Attr Bool BoolValue Debug DebugContext Default Duration DurationValue Error ErrorContext Float64 Float64Value Group GroupValue Handler HandlerOptions Info InfoContext Int Int64 Int64Value IntValue JSONHandler Kind KindAny KindBool KindDuration KindFloat64 KindGroup KindInt64 KindLogValuer KindString KindTime KindUint64 Level LevelDebug LevelError LevelInfo LevelKey LevelVar LevelWarn Leveler Log LogAttrs LogValuer Logger MessageKey New NewJSONHandler NewLogLogger NewRecord NewTextHandler Record ReplaceAttr SetDefault SetLogLoggerLevel Source SourceKey String StringValue TextHandler Time TimeKey TimeValue Uint64 Uint64Value Value Warn WarnContext With'.split(
        ' ',
      ),
    ),
  ],
  [
    'maps',
    new Set('All Clone Collect Copy DeleteFunc Equal EqualFunc Insert Keys Values'.split(' ')),
  ],
  [
    'context',
    new Set(
      'AfterFunc Background CancelCauseFunc CancelFunc Canceled Cause Context DeadlineExceeded TODO WithCancel WithCancelCause WithDeadline WithDeadlineCause WithTimeout WithTimeoutCause WithValue WithoutCancel'.split(
        ' ',
      ),
    ),
  ],
]);

export function packageName(path: string): string {
  // (a major-version suffix is not the name: math/rand/v2 is package rand)
  const parts = path.split('/');
  const last = parts[parts.length - 1] as string;
  return /^v\d+$/.test(last) && parts.length > 1 ? (parts[parts.length - 2] as string) : last;
}

/** Packages gc would accept but Interleave cannot simulate, with the reason. */
export const unsupportedPackages: ReadonlyMap<string, string> = new Map([
  ['os/signal', 'signals are not simulated'],
  ['unsafe', 'unsafe is not simulated'],
  ['reflect', 'reflect is not simulated'],
]);

/** Every library type with methods: their wrappers are compiled into each program. */
export const libraryTypes: readonly NamedType[] = [
  errorString,
  wrapError,
  wrapErrors,
  joinError,
  runtimeErrorString,
  runtimePlainError,
  runtimeBoundsError,
  typeAssertionError,
  panicNilError,
  mutexType,
  rwmutexType,
  waitGroupType,
  durationType,
  monthType,
  weekdayType,
  timeType,
  timerType,
  tickerType,
  cancelCtxType,
  httpBodyType,
  ...atomicTypes,
  atomicValueType,
  onceType,
  condType,
  poolType,
  rlockerType,
  builderType,
  bufferType,
  syncMapType,
  fileType,
  sortIntSlice,
  sortStringSlice,
  sortFloat64Slice,
  sortReverseType,
  ...fnvTypes,
  randSourceType,
  rngSourceType,
  randType,
  jsonEncoderType,
];

/**
 * Library calls that touch shared state (locks, output, the clock): each is a visible step,
 * named for the UI. Pure library calls (Sprintf, errors.New) run inside the step around them.
 */
export const NATIVE_STEPS: ReadonlyMap<string, string> = new Map([
  ['sync.Mutex.Lock', 'Lock'],
  ['sync.Mutex.Unlock', 'Unlock'],
  ['sync.Mutex.TryLock', 'TryLock'],
  ['sync.RWMutex.Lock', 'Lock'],
  ['sync.RWMutex.Unlock', 'Unlock'],
  ['sync.RWMutex.RLock', 'RLock'],
  ['sync.RWMutex.RUnlock', 'RUnlock'],
  ['sync.RWMutex.TryLock', 'TryLock'],
  ['sync.RWMutex.TryRLock', 'TryRLock'],
  ['sync.WaitGroup.Add', 'WaitGroup.Add'],
  ['sync.WaitGroup.Done', 'WaitGroup.Done'],
  ['sync.WaitGroup.Wait', 'WaitGroup.Wait'],
  ['sync.Once.Do', 'Once.Do'],
  [`sync.Once.${ONCE_END}`, 'Once.Do: f returned'],
  ['sync.Cond.Wait', 'Wait'],
  [`sync.Cond.${COND_PARK}`, 'Wait'],
  ['sync.Cond.Signal', 'Signal'],
  ['sync.Cond.Broadcast', 'Broadcast'],
  ['sync.Pool.Get', 'Pool.Get'],
  ['sync.Pool.Put', 'Pool.Put'],
  ...[...syncMapType.methods.keys()].map((n) => [`sync.Map.${n}`, n] as [string, string]),
  ['sync.rlocker.Lock', 'RLock'],
  ['sync.rlocker.Unlock', 'RUnlock'],
  ['builtin.clearSlice', 'clear'],
  ['fmt.Println', 'print'],
  ['fmt.Print', 'print'],
  ['fmt.Printf', 'print'],
  // (to os.Stdout or os.Stderr, a strings.Builder or the program's own writer)
  ['fmt.Fprint', 'print'],
  ['fmt.Fprintln', 'print'],
  ['fmt.Fprintf', 'print'],
  ['os.File.Write', 'print'],
  ['json.Encoder.Encode', 'print'],
  ['os.File.WriteString', 'print'],
  ['time.Sleep', 'sleep'],
  ['time.Now', 'read the clock'],
  ['time.Since', 'read the clock'],
  ['time.Until', 'read the clock'],
  ['time.AfterFunc', 'time.AfterFunc'],
  ['time.Timer.Stop', 'timer.Stop'],
  ['time.Timer.Reset', 'timer.Reset'],
  ['http.Get', 'http.Get'],
  ['runtime.Gosched', 'yield'],
  ['runtime.NumGoroutine', 'count goroutines'],
  ['runtime.GC', 'runtime.GC'],
  ['runtime.GOMAXPROCS', 'runtime.GOMAXPROCS'],
  // math/rand's global source is shared: the order of the draws decides the numbers
  ...['Intn', 'Int', 'Float64', 'Perm', 'Shuffle', 'Seed'].map(
    (n) => [`rand.${n}`, `rand.${n}`] as [string, string],
  ),
  ['context.WithCancel', 'context.WithCancel'],
  ['context.WithTimeout', 'context.WithTimeout'],
  ['context.WithDeadline', 'context.WithDeadline'],
  ['context.WithTimeoutCause', 'context.WithTimeoutCause'],
  ['context.WithDeadlineCause', 'context.WithDeadlineCause'],
  ['context.cancelCtx.Err', 'ctx.Err()'],
  ['context.cancelCtx.Done', 'ctx.Done()'],
  ['time.After', 'time.After'],
  ['time.Tick', 'time.Tick'],
  ['time.NewTimer', 'time.NewTimer'],
  ['time.NewTicker', 'time.NewTicker'],
  ['time.Ticker.Stop', 'ticker.Stop'],
  ['time.Ticker.Reset', 'ticker.Reset'],
  ['context.cancel', 'cancel()'],
  ['context.AfterFunc', 'context.AfterFunc'],
  ['context.afterFuncStop', 'stop()'],
  ['context.cancelCause', 'cancel(cause)'],
  ['context.WithCancelCause', 'context.WithCancelCause'],
  ['context.Cause', 'context.Cause'],
  ['os.Exit', 'exit'],
  ...['Print', 'Println', 'Printf', 'Fatal', 'Fatalln', 'Fatalf', 'Panic', 'Panicln', 'Panicf'].map(
    (n) => [`log.${n}`, 'log'] as [string, string],
  ),
  ...['Debug', 'Info', 'Warn', 'Error'].map((n) => [`slog.${n}`, 'log'] as [string, string]),
  ['log.SetFlags', 'log.SetFlags'],
  ['log.SetPrefix', 'log.SetPrefix'],
  ['log.Flags', 'log.Flags'],
  ['log.Prefix', 'log.Prefix'],
  // (each a visible step: the functions by their Go name, the methods as "atomic Add")
  ...ATOMIC_KINDS.flatMap((k) =>
    ATOMIC_OPS.map((op) => [`atomic.${op}${k}`, `atomic.${op}${k}`] as [string, string]),
  ),
  ...['Load', 'Store', 'Swap', 'CompareAndSwap'].flatMap((op) => [
    [`atomic.Value.${op}`, `atomic ${op}`] as [string, string],
    [`atomic.Pointer.${op}`, `atomic ${op}`] as [string, string],
  ]),
  ...atomicTypes.flatMap((t) =>
    [...t.methods.keys()].map(
      (op) => [`atomic.${t.name}.${op}`, `atomic ${op}`] as [string, string],
    ),
  ),
]);

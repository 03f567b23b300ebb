/**
 * Beyond Go: what happened, in plain words, with the lines involved and the fix the tutorial
 * recommends. For a deadlock, the cycle: who holds what and who waits for whom — also for a
 * partial deadlock that Go would leave hanging while other goroutines run.
 */
import type { Machine, G } from './machine';
import { GO } from './messages';
import { K, type MutexObj, type RWMutexObj, type WaitGroupObj } from './values';
import { displayNames } from './names';
import type { RaceSide } from './race';

export interface WaitEdge {
  readonly g: number;
  /** the lock or wait group it waits for */
  readonly on: string;
  /** the line where it waits */
  readonly line: number;
  /** who holds what it waits for (empty: nobody who could release it) */
  readonly heldBy: readonly number[];
  /** where each holder took it */
  readonly heldAt: readonly number[];
  /** it sleeps in a sync.Cond's Wait: any goroutine could wake it, with Signal or Broadcast */
  readonly cond?: boolean;
  /** it is parked in a send or a receive on a channel (`nil`: a nil one, for ever) */
  readonly chan?: 'send' | 'receive' | 'select';
  readonly nil?: boolean;
}

export interface Diagnosis {
  readonly kind:
    | 'clean'
    | 'deadlock'
    | 'partial-deadlock'
    | 'leak'
    | 'map'
    | 'unlock'
    | 'panic'
    | 'race'
    | 'lost-update'
    | 'limit'
    | 'hang'
    | 'internal'
    | 'fatal'
    | 'exit';
  readonly title: string;
  readonly what: string;
  readonly why: string;
  readonly fix: string;
  /** the tutorial section this comes from */
  readonly section: string;
  readonly lines: readonly number[];
  /** for deadlocks: the waits, in cycle order where there is a cycle */
  readonly waits: readonly WaitEdge[];
}

/** The line g waits at: in its innermost frame of the program's own (not a library wrapper). */
function lineOf(g: G): number {
  for (let i = g.fr.length - 1; i >= 0; i--) {
    const fr = g.fr[i] as (typeof g.fr)[number];
    if (fr.f.native) continue;
    const top = i === g.fr.length - 1;
    return fr.f.code[top ? fr.pc : Math.max(0, fr.pc - 1)]?.pos.line ?? 0;
  }
  return 0;
}

/** What goroutine g waits for, and who could release it. */
export function waitEdge(
  m: Machine,
  g: G,
  names: Map<number, string> = displayNames(m),
): WaitEdge | null {
  if (g.st !== 'blocked') return null;
  const chan = g.reason?.startsWith('chan send')
    ? 'send'
    : g.reason?.startsWith('chan receive')
      ? 'receive'
      : g.reason === 'select'
        ? 'select'
        : null;
  if (g.reason === 'select (no cases)')
    return { g: g.id, on: 'select {}', line: lineOf(g), heldBy: [], heldAt: [], nil: true };
  // (an operation on a nil channel waits on nothing)
  if (chan && g.waitObj < 0)
    return {
      g: g.id,
      on: 'a nil channel',
      line: lineOf(g),
      heldBy: [],
      heldAt: [],
      chan,
      nil: true,
    };
  if (g.waitObj < 0) return null;
  const o = m.get(g.waitObj);
  if (o.k === K.Chan && chan)
    return { g: g.id, on: o.name || 'ch', line: lineOf(g), heldBy: [], heldAt: [], chan };
  const named = names.get(g.waitObj);
  const holdersOf = (obj: number, mode: 'lock' | 'rlock') =>
    m.gs.filter((x) => x.held.some((h) => h.obj === obj && h.mode === mode));
  const at = (x: G, obj: number) => x.held.find((h) => h.obj === obj)?.line ?? 0;
  if (o.k === K.Mutex) {
    const holders = holdersOf(g.waitObj, 'lock');
    const ids =
      holders.length > 0 ? holders.map((x) => x.id) : o.locked && o.holder ? [o.holder] : [];
    return {
      g: g.id,
      on: named ?? 'mutex',
      line: lineOf(g),
      heldBy: ids,
      heldAt: holders.map((x) => at(x, g.waitObj)),
    };
  }
  if (o.k === K.RWMutex) {
    const rw = o as RWMutexObj;
    const name = named ?? 'rw';
    if (g.reason === 'sync.RWMutex.Lock') {
      const readers = holdersOf(g.waitObj, 'rlock');
      return {
        g: g.id,
        on: `${name} (waiting for readers)`,
        line: lineOf(g),
        heldBy: readers.map((x) => x.id),
        heldAt: readers.map((x) => at(x, g.waitObj)),
      };
    }
    const w = m.get(rw.w) as MutexObj;
    const writers = holdersOf(g.waitObj, 'lock');
    const ids =
      writers.length > 0 ? writers.map((x) => x.id) : w.locked && w.holder ? [w.holder] : [];
    return {
      g: g.id,
      on: g.reason === 'sync.RWMutex.RLock' ? `${name} (read)` : name,
      line: lineOf(g),
      heldBy: ids,
      heldAt: writers.map((x) => at(x, g.waitObj)),
    };
  }
  if (o.k === K.WaitGroup)
    return { g: g.id, on: named ?? 'wg', line: lineOf(g), heldBy: [], heldAt: [] };
  if (o.k === K.Cond)
    return { g: g.id, on: o.name || 'cond', line: lineOf(g), heldBy: [], heldAt: [], cond: true };
  return null;
}

/** A cycle of goroutines each waiting for a lock the next one holds, if there is one. */
export function findCycle(m: Machine): WaitEdge[] | null {
  const edges = new Map<number, WaitEdge>();
  const names = displayNames(m);
  for (const g of m.gs) {
    const e = waitEdge(m, g, names);
    if (e) edges.set(g.id, e);
  }
  for (const start of edges.keys()) {
    const path: WaitEdge[] = [];
    const seen = new Map<number, number>();
    let cur: number | undefined = start;
    while (cur !== undefined && edges.has(cur)) {
      if (seen.has(cur)) return path.slice(seen.get(cur));
      seen.set(cur, path.length);
      const e = edges.get(cur) as WaitEdge;
      path.push(e);
      cur = e.heldBy.find((h) => edges.has(h)) ?? (e.heldBy.includes(cur) ? cur : undefined);
    }
  }
  return null;
}

const G_ = (id: number) => `G${id}`;

/** "G7 wrote it at line 14", "G6 read it atomically at line 13" */
/** @param chan the channel's name, when the race is a send and a close on it */
function raceSide(x: RaceSide, chan: string | null = null): string {
  if (chan !== null)
    return `${G_(x.g)} ${x.write ? 'closed' : 'sent on'} ${chan} at line ${x.line}`;
  return `${G_(x.g)} ${x.write ? 'wrote' : 'read'}${x.atomic ? ' (atomically)' : ''} at line ${x.line}`;
}

/** The race is on a channel: a send and a close that nothing orders (see chan.ts, raceSend). */
function onChan(m: Machine, id: number): boolean {
  return m.h.get(id)?.k === K.Chan;
}

/** The raced-on variable's name, when the UI has one for it: " (hits)" */
function racePlace(m: Machine, id: number): string {
  const o = m.h.get(id);
  const name = o && 'name' in o ? o.name : '';
  return name ? ` (${name})` : '';
}

/**
 * The first data race the detector reported, in words ("G6 wrote at line 19, then G7 read at
 * line 23 (jobs)"), or null when it reported none (or runs without -race).
 */
export function raceWords(m: Machine): string | null {
  const r = m.race?.first ?? null;
  if (!r) return null;
  const c = onChan(m, r.id) ? racePlace(m, r.id).slice(2, -1) || 'the channel' : null;
  return `${raceSide(r.prev, c)}, then ${raceSide(r.cur, c)}${c !== null ? '' : racePlace(m, r.id)}`;
}

export function describeWaits(waits: readonly WaitEdge[]): string {
  return waits
    .map((w) => {
      if (w.heldBy.includes(w.g))
        return `${G_(w.g)} already holds ${w.on} (line ${w.heldAt[w.heldBy.indexOf(w.g)] ?? '?'}) and asks for it again at line ${w.line}`;
      if (w.cond)
        return `${G_(w.g)} sleeps in ${w.on}.Wait at line ${w.line}, and no running goroutine will signal it`;
      if (w.nil && !w.chan)
        return `${G_(w.g)} waits in select {} at line ${w.line}, which blocks for ever`;
      if (w.nil && w.chan === 'select')
        return `${G_(w.g)} waits in a select at line ${w.line} whose channels are all nil, which blocks for ever`;
      if (w.chan === 'select')
        return `${G_(w.g)} waits in a select at line ${w.line}, and no running goroutine will make any of its cases ready`;
      if (w.nil)
        return `${G_(w.g)} ${w.chan === 'send' ? 'sends on' : 'receives from'} a nil channel at line ${w.line}, which blocks for ever`;
      if (w.chan === 'send')
        return `${G_(w.g)} waits to send on ${w.on} at line ${w.line}, and no running goroutine will receive from it`;
      if (w.chan === 'receive')
        return `${G_(w.g)} waits to receive from ${w.on} at line ${w.line}, and no running goroutine will send on it or close it`;
      if (w.heldBy.length === 0)
        return `${G_(w.g)} waits for ${w.on} at line ${w.line}, and no running goroutine will release it`;
      return `${G_(w.g)} waits for ${w.on} at line ${w.line}, held by ${w.heldBy.map(G_).join(', ')}${w.heldAt.some((l) => l > 0) ? ` (taken at line ${w.heldAt.filter((l) => l > 0).join(', ')})` : ''}`;
    })
    .join('; ');
}

/**
 * Why a goroutine's WaitGroup.Wait will never return: its counter, and the goroutines that
 * have ended (one of them returned without Done, or Add counted more than were started).
 */
function wgWhy(m: Machine, w: WaitEdge): string {
  const o = m.h.get(m.g(w.g).waitObj);
  if (o?.k !== K.WaitGroup)
    return `${G_(w.g)} waits on ${w.on}, whose counter will never reach zero: the goroutines that should call Done are stuck or gone.`;
  const n = (o as WaitGroupObj).n;
  const ended = m.gs
    .filter((g) => g.id !== w.g && g.id !== 1 && g.st === 'done')
    .map((g) => G_(g.id));
  const who =
    ended.length === 0
      ? 'No goroutine it counted has ended: they are stuck, or Add counted more than were started.'
      : `${ended.length === 1 ? ended[0] : ended.length > 6 ? `${ended.length} goroutines (${ended[0]} to ${ended.at(-1)})` : `${ended.slice(0, -1).join(', ')} and ${ended.at(-1)}`} ${ended.length === 1 ? 'has' : 'have'} ended: ${ended.length === 1 ? 'it' : 'at least one of them'} returned without calling Done, or Add counted more goroutines than were started.`;
  return `${G_(w.g)} waits on ${w.on}, whose counter is still ${n}: ${n === 1 ? 'one call to Done is' : `${n} calls to Done are`} missing. ${who}`;
}

/** Goroutine id waits inside sync.Once.Do (for the Once's mutex). */
function inOnceDo(m: Machine, id: number): boolean {
  const fr = m.g(id).fr.at(-1);
  const c = fr?.f.code[fr.pc]?.c as { name?: string } | null | undefined;
  return c?.name === 'sync.Once.Do';
}

function deadlockDiagnosis(m: Machine, partial: boolean): Diagnosis | null {
  const cycle = findCycle(m);
  const waits = cycle ?? m.gs.map((g) => waitEdge(m, g)).filter((e): e is WaitEdge => e !== null);
  if (waits.length === 0) return null;
  const lines = [...new Set(waits.flatMap((w) => [w.line, ...w.heldAt]).filter((l) => l > 0))].sort(
    (a, b) => a - b,
  );
  const self = waits.find((w) => w.heldBy.includes(w.g));
  const rw =
    waits.some((w) => w.on.endsWith('(read)')) &&
    waits.some((w) => w.on.endsWith('(waiting for readers)'));
  const leaked = waits.find(
    (w) =>
      w.heldBy.length > 0 &&
      w.heldBy.every((h) => {
        const x = m.gs.find((g) => g.id === h);
        return !x || x.st === 'done' || x.st === 'runnable' || x.st === 'sleeping';
      }),
  );
  const cond = waits.find((w) => w.cond);
  const chan = waits.find((w) => w.chan);
  const wg = waits.find((w) => w.heldBy.length === 0);
  const base = partial
    ? {
        kind: 'partial-deadlock' as const,
        title: `Partial deadlock: ${waits.map((w) => G_(w.g)).join(', ')} can never continue`,
      }
    : { kind: 'deadlock' as const, title: 'Deadlock: every goroutine is waiting' };
  const tail = partial
    ? ' Go reports a deadlock only when every goroutine is asleep, so it would say nothing here: the program would hang or leak these goroutines.'
    : '';
  let why: string;
  let fix: string;
  let section: string;
  if (self && inOnceDo(m, self.g)) {
    why = `once.Do holds the Once's mutex (${self.on}) until f returns, and f called Do on the same Once again: that Do waits for f to return, and f waits for it. Go's documentation says so: "if f causes Do to be called, it will deadlock."`;
    fix =
      'Do not call Do on the same Once from inside f: do the rest of the set-up in f itself, or after Do returns.';
    section = '';
  } else if (self) {
    why =
      'A sync.Mutex is not reentrant: a goroutine that calls Lock while already holding the lock waits for itself forever.';
    fix =
      'Take the lock once, at the outer method, and have the helper assume it is held (or split it into a locked and an unlocked variant).';
    section = 'Lock and Unlock Patterns — Pattern 3: Multiple Locks';
  } else if (rw) {
    why =
      'RWMutex gives writers preference: once a writer waits, new readers block — even a goroutine that already holds a read lock. It waits for the writer, the writer waits for it.';
    fix =
      'Never take RLock twice in one goroutine: call a helper that assumes the read lock is held.';
    section = 'Use RWMutex for Read-Heavy Workloads';
  } else if (cycle && cycle.length > 1) {
    why = 'Each goroutine holds a lock the next one needs: a cycle, so none can move.';
    const order = [...new Set(cycle.map((w) => w.on))].sort((a, b) =>
      a.localeCompare(b, 'en', { numeric: true }),
    );
    fix = `Take locks in one fixed order everywhere (here: always ${order.join(' before ')}), whatever order the code is handed them in.`;
    section = 'Lock and Unlock Patterns';
  } else if (leaked) {
    why = `The lock is held by ${leaked.heldBy.map(G_).join(', ')}, which will not unlock it: it returned (or recovered from a panic) without calling Unlock.`;
    fix = 'Call defer mu.Unlock() right after mu.Lock(), so every return and every panic unlocks.';
    section = 'Common Mistakes — Mistake 1: Forgetting to Unlock; Why defer?';
  } else if (cond) {
    why = `${G_(cond.g)} went to sleep in ${cond.on}.Wait without first looking at the condition it waits for, or after the last Signal had been sent: a signal sent when nobody is in Wait is lost, and nothing else will wake it.`;
    fix = `Hold the lock, look at the condition, and wait only while it is false, in a loop: for !ready { ${cond.on}.Wait() }. Change the condition under the same lock before calling Signal or Broadcast.`;
    section = '';
  } else if (waits.some((w) => w.nil && !w.chan)) {
    why =
      'A select with no cases blocks for ever: once every other goroutine has finished or is blocked too, nothing is left to run.';
    fix =
      'Wait for the goroutines you started with a sync.WaitGroup (or a channel they close), not with select {}.';
    section = '';
  } else if (chan?.nil) {
    why = `A nil channel is one that was declared but never made: a send or a receive on it blocks for ever, and closing it panics.`;
    fix = `Make the channel before use (ch := make(chan T)), and hand the same channel to every goroutine that uses it.`;
    section = '';
  } else if (chan) {
    why =
      chan.chan === 'send'
        ? `A send on an unbuffered channel waits until another goroutine receives, and a send on a full buffered channel until one makes room: ${G_(chan.g)} waits for a receiver that never comes.`
        : chan.chan === 'select'
          ? `A select without a default waits until one of its cases can go on: ${G_(chan.g)} waits for a send or a receive on its channels that no goroutine left will make.`
          : `A receive waits until another goroutine sends, or closes the channel: ${G_(chan.g)} waits for a value that never comes.`;
    fix =
      chan.chan === 'send'
        ? 'Make sure some goroutine receives every value sent (or give the channel a buffer large enough), and do not send from the goroutine that is meant to receive.'
        : chan.chan === 'select'
          ? 'Give the select a case that always comes (a done channel closed when the work ends), or a default if it must not wait.'
          : 'Close the channel when nothing more will be sent (the sender closes it, once), so that receivers and range loops end; or send every value a receiver waits for.';
    section = '';
  } else if (wg) {
    why = wgWhy(m, wg);
    fix = 'Make sure every goroutine that was counted with Add can reach Done (defer wg.Done()).';
    section = 'Common Mistakes';
  } else {
    why = 'Every goroutine waits for something only another waiting goroutine could give.';
    fix = 'Release locks before waiting, and use defer for every Unlock.';
    section = 'Common Mistakes';
  }
  return { ...base, what: `${describeWaits(waits)}.${tail}`, why, fix, section, lines, waits };
}

/** Runs Interleave stopped (or Go would leave hanging): a heading, and why it happens. */
const STOPPED = {
  hang: {
    title: 'Every goroutine is blocked for good',
    why: 'Go turns off its deadlock check under -race.',
  },
  internal: {
    title: 'Interleave could not simulate this step',
    why: 'Interleave could not simulate this step. Share the link with its developers so they can fix it.',
  },
  endless: {
    title: 'The program did not end',
    why: 'Interleave stops a run that might never end rather than wait for it forever.',
  },
  inexact: {
    title: 'A number went beyond what Interleave simulates exactly',
    why: "Interleave's 64-bit integers are exact to 2^63, as Go's are, but a few library functions (and instants far from the year 2000) work in JavaScript numbers, exact only up to 2^53. Interleave stops rather than go on with a wrong value.",
  },
  bounded: {
    title: "The run hit one of Interleave's limits",
    why: 'Interleave bounds every run (goroutines, memory, output), so that no program can exhaust the browser or the machine.',
  },
} as const;

/** What the runtime's panic message means, in a sentence. */
function panicCause(first: string): string {
  if (first.includes('index out of range') || first.includes('slice bounds out of range'))
    return 'Here an index went past the end of a slice, array or string: it had fewer elements than the code assumed.';
  if (first.includes('assignment to entry in nil map'))
    return 'Here a map was written before it was made: a nil map can be read, never written.';
  if (first.includes('nil pointer dereference'))
    return 'Here a nil pointer was used as if it pointed somewhere.';
  if (first.includes('negative WaitGroup counter'))
    return 'Here Done was called more times than Add counted.';
  if (first.includes('integer divide by zero')) return 'Here an integer was divided by zero.';
  if (first.includes('interface conversion'))
    return 'Here a type assertion x.(T) met a value of another type.';
  return 'Here the program called panic itself.';
}

/** What to do about a panic that left no lock held. */
function panicFix(first: string): string {
  if (first.includes('index out of range') || first.includes('slice bounds out of range'))
    return 'Check the length before indexing. When other goroutines change the slice, check and use it under one Lock — and after sync.Cond’s Wait, check again in a for loop: another goroutine may have taken what you were woken for.';
  if (first.includes('assignment to entry in nil map'))
    return 'Make the map before any goroutine writes it: make(map[K]V) in the constructor, or sync.Once when it is made on first use.';
  if (first.includes('negative WaitGroup counter'))
    return 'Call Add once for each goroutine before starting it, and Done exactly once in it (defer wg.Done()).';
  if (first.includes('interface conversion'))
    return 'Use the two-result form, v, ok := x.(T), and handle !ok.';
  if (first.includes('nil pointer dereference') || first.includes('integer divide by zero'))
    return 'Check the value before using it, on every path that reaches this line.';
  return 'If the program should carry on, recover in a deferred function; either way, unlock with defer, so a panic never leaves a lock held.';
}

/**
 * What happened to a run that failed, in brief: the sentences of its diagnosis's `what` that
 * are about this run (naming a goroutine or a line, or the locks it still held), without the
 * general ones. For a deadlock, who waits for whom; for a crash, which goroutine did what at
 * which line (and, for a map written under two different locks, which locks). Null for a run
 * that ended well, or that Interleave has no words for.
 */
export function failureWords(m: Machine): string | null {
  const what = diagnose(m)?.what;
  if (!what) return null;
  // (a sentence ends at a full stop before a capital: "line 19. The map's…")
  const sentences = what.split(/(?<=[.!]) (?=[A-Z])/);
  const own = sentences.filter((x) => /\bG\d+\b|\bline \d+|^It still held/.test(x));
  return (own.length > 0 ? own : sentences.slice(0, 1)).join(' ');
}

/** A diagnosis of the machine's current state (running or ended). */
export function diagnose(m: Machine): Diagnosis | null {
  const o = m.outcome;
  if (!o) return findCycle(m) ? deadlockDiagnosis(m, true) : null;
  const line = o.pos?.line ?? 0;
  const g = o.g ? G_(o.g) : 'a goroutine';
  const none = { waits: [] as WaitEdge[] };
  if (o.kind === 'deadlock') return deadlockDiagnosis(m, false);
  if (o.kind === 'exit' && o.code !== 0)
    return {
      kind: 'exit',
      title: `The program exited with status ${o.code}`,
      what: `${g} called os.Exit(${o.code})${line ? ` at line ${line}` : ''} (log.Fatal prints, then calls os.Exit(1)). The program ends there: deferred calls do not run, and the other goroutines stop wherever they are.`,
      why: '',
      fix: '',
      section: '',
      lines: line ? [line] : [],
      ...none,
    };
  if (o.first.includes('concurrent map')) {
    const mapObj = o.obj !== undefined ? m.get(o.obj) : null;
    const writer = mapObj && mapObj.k === K.Map ? mapObj.writer : 0;
    const other = writer && writer !== o.g ? m.gs.find((x) => x.id === writer) : undefined;
    const otherLine = other ? lineOf(other) : 0;
    const what = o.first.includes('read and map write')
      ? 'read'
      : o.first.includes('iteration')
        ? 'iterated over'
        : o.first.includes('clone')
          ? 'cloned'
          : 'wrote to';
    // both held a lock, but not the same one: most often a copy of the struct and its mutex
    const me = o.g ? m.gs.find((x) => x.id === o.g) : undefined;
    const mine = [...new Set((me?.held ?? []).map((h) => h.obj))];
    const theirs = [...new Set((other?.held ?? []).map((h) => h.obj))];
    const apart =
      mine.length > 0 && theirs.length > 0 && !mine.some((id) => theirs.includes(id))
        ? displayNames(m)
        : null;
    const named = (ids: number[]) => ids.map((id) => apart?.get(id) ?? 'a lock').join(' and ');
    return {
      kind: 'map',
      title: `Crash: ${o.first.replace('fatal error: ', '')}`,
      what: `${g} ${what} the map at line ${line} while ${other ? `${G_(other.id)} was writing it (line ${otherLine})` : 'another write was in progress'}. The map's writing flag told the runtime, which stopped the whole program.${apart && other ? ` Both held a lock, but not the same one: ${g} held ${named(mine)}, ${G_(other.id)} held ${named(theirs)}.` : ''}`,
      why: apart
        ? 'A Go map is not safe for concurrent use, and a lock keeps two goroutines apart only if both take the same one. A copy of a struct (a value receiver, or assigning the struct) carries a mutex of its own, while the map in it is shared: copying a map copies only a reference to it.'
        : 'A Go map is not safe for concurrent use: a write changes its internal structure. The runtime checks a "writing" flag and, when two accesses overlap, throws a fatal error that recover cannot catch.',
      fix: apart
        ? 'Use pointer receivers (func (s *Store) …) and share the struct by pointer, so that every goroutine locks the one mutex. go vet reports such copies ("passes lock by value").'
        : 'Guard every access to the map with the same sync.Mutex (or an RWMutex: RLock for reads, Lock for writes), with defer Unlock.',
      section: 'The Problem: Race Conditions; Using Mutexes in Our Store',
      lines: [line, otherLine].filter((l) => l > 0).sort((a, b) => a - b),
      ...none,
    };
  }
  if (o.first.includes(GO.unlockOfUnlockedMutex) || o.first.includes('unlocked RWMutex')) {
    return {
      kind: 'unlock',
      title: `Crash: ${o.first.replace('fatal error: ', '')}`,
      what: `${g} unlocked a lock that was not locked, at line ${line}.`,
      why: 'Unlocking an unlocked mutex is a fatal error, not a panic: recover cannot catch it, and the whole program stops.',
      fix: 'Only unlock what you locked: pair every Lock with exactly one defer Unlock (and RLock with RUnlock).',
      section: 'Common Mistakes — Mistake 2: Unlocking Without Locking',
      lines: [line],
      ...none,
    };
  }
  if (o.kind === 'panic') {
    // the locks the goroutine still holds: taken without a deferred Unlock
    const me = o.g ? m.gs.find((x) => x.id === o.g) : undefined;
    const names = displayNames(m);
    const held = [...new Set((me?.held ?? []).map((h) => names.get(h.obj) ?? 'a lock'))];
    const locks = held.length > 0;
    // the classic mistake: a recover deferred directly, which Go does not count as recovering
    const deferredRecover = /\bdefer\s+recover\(\s*\)/.test(m.prog.source);
    return {
      kind: 'panic',
      title: o.first,
      what: `${g} panicked at line ${line} and nothing recovered, so the program stopped with exit status 2.${locks ? ` It still held ${held.join(' and ')}.` : ''}`,
      why: locks
        ? 'An unrecovered panic ends the whole program. A recovered one ends only the function — but a lock it took without defer stays locked, and the next goroutine to ask for it waits forever.'
        : `An unrecovered panic ends the whole program, whichever goroutine it happens in. ${panicCause(o.first)}`,
      fix: deferredRecover
        ? 'defer recover() recovers nothing: recover stops a panic only when a deferred function calls it. Write defer func() { recover() }() (and handle what it returns).'
        : locks
          ? 'Use defer mu.Unlock(), so a panic (recovered or not) never leaves the lock held.'
          : panicFix(o.first),
      section: locks ? 'Why defer?' : '',
      lines: [line],
      ...none,
    };
  }
  if (o.kind === 'race') {
    const r = m.race?.first ?? null;
    const atomic = r !== null && (r.cur.atomic || r.prev.atomic);
    if (r && onChan(m, r.id))
      return {
        kind: 'race',
        title: 'Data race reported (exit status 66)',
        what: `The program ran without crashing, but ${raceWords(m) ?? ''}, and nothing (a WaitGroup, a receive, a lock) ordered the close after the send.`,
        why: 'Go counts a send as a read of the channel and a close as a write: with nothing ordering them, the close may come first, and then the send panics (send on closed channel).',
        fix: 'Close a channel only once every send on it is done: from the one goroutine that sends, or after wg.Wait() for all the senders.',
        section: '',
        lines: [...new Set([r.cur.line, r.prev.line])].sort((a, b) => a - b),
        ...none,
      };
    return {
      kind: 'race',
      title: 'Data race reported (exit status 66)',
      what: r
        ? `The program ran without crashing, but ${raceSide(r.prev)}, then ${raceSide(r.cur)}: the same memory${racePlace(m, r.id)}, and nothing (a lock, a WaitGroup, an atomic) ordered the two.`
        : 'The program ran without crashing, but the race detector saw two goroutines access the same memory without a happens-before order, at least one of them writing.',
      why: atomic
        ? 'An atomic operation is safe only against other atomic operations on the same variable: a plain read or write of it beside them still races, and can lose their updates.'
        : r && r.cur.write && r.prev.write
          ? 'Two writes that nothing orders: which one lands last is up to the schedule, so an update can be lost (on a map, without -race, Go may stop with concurrent map writes).'
          : 'A read outside the lock (like len(s.jobs)) never crashes, yet it races with writes: the value it sees is undefined.',
      fix: atomic
        ? 'Make every access to it atomic (atomic.AddInt64, atomic.LoadInt64, ...), or guard every access with one lock.'
        : 'Protect every access, reads included, with the lock.',
      section: atomic ? '' : 'Common Mistakes — Mistake 3: Not Protecting All Accesses',
      lines: r ? [...new Set([r.cur.line, r.prev.line])].sort((a, b) => a - b) : [],
      ...none,
    };
  }
  if (o.kind === 'limit' || o.kind === 'hang' || o.kind === 'internal') {
    const stop =
      o.kind !== 'limit'
        ? STOPPED[o.kind]
        : o.limit === 'steps' || o.limit === 'time'
          ? STOPPED.endless
          : o.limit === 'exactInteger'
            ? STOPPED.inexact
            : STOPPED.bounded;
    return {
      kind: o.kind,
      // a heading of its own: the runtime's line is already in the output and the status bar
      title: stop.title,
      what:
        o.limit === 'steps'
          ? `It ran ${m.steps.toLocaleString('en-US')} steps without ending${o.g ? `, the last of them in ${G_(o.g)}` : ''}: a loop with no way out would do that, as would goroutines that keep each other busy forever.`
          : o.first,
      why: stop.why,
      fix: '',
      section: '',
      lines: [],
      ...none,
    };
  }
  if (o.kind === 'fatal')
    return {
      kind: 'fatal',
      title: o.first,
      what: `${g} stopped the program at line ${line}.`,
      why: 'A fatal error stops the whole program; recover cannot catch it.',
      fix: '',
      section: '',
      lines: [line],
      ...none,
    };
  const stuck = m.gs.filter((x) => x.st === 'blocked');
  // (only when main returned: os.Exit drops the other goroutines by design)
  if (stuck.length > 0 && o.g === null) {
    const d = deadlockDiagnosis(m, true);
    return {
      kind: 'leak',
      title: `main returned while ${stuck.map((x) => G_(x.id)).join(', ')} ${stuck.length === 1 ? 'was' : 'were'} still blocked`,
      what: `${d?.what ?? ''} Go ends the program when main returns and drops these goroutines without a word.`,
      why: d?.why ?? '',
      fix: d?.fix ?? '',
      section: d?.section ?? '',
      lines: d?.lines ?? [],
      waits: d?.waits ?? [],
    };
  }
  return null;
}

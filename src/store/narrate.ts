/**
 * One plain sentence about the step just taken, for the polite live region and the
 * captions: "G7 blocks on mu.Lock; G6 holds it."
 */
import type { EngineEvent, Machine } from '../engine';

const G = (id: number) => `G${id}`;
const NO_NAMES: ReadonlyMap<number, string> = new Map();

const sourceLines = new WeakMap<object, string[]>();
/** Line n of the program, trimmed, for captions. */
function lineText(m: Machine, n: number): string {
  let lines = sourceLines.get(m.prog);
  if (!lines) {
    lines = m.prog.source.split('\n');
    sourceLines.set(m.prog, lines);
  }
  return (lines[n - 1] ?? '').trim().replace(/\s*\/\/.*$/, '');
}

export function describeEvent(
  e: EngineEvent,
  names: ReadonlyMap<number, string> = NO_NAMES,
): string | null {
  // the object's name as the picture shows it (\`pending.mu\` where two are called \`mu\`)
  const name = 'name' in e ? ('obj' in e && names.get(e.obj)) || e.name : '';
  switch (e.t) {
    case 'spawn':
      // (g 0: the runtime, for a timer's function)
      if (e.g === 0) return `A timer fires: ${G(e.child)} starts (${e.fn}).`;
      return `${G(e.g)} starts ${G(e.child)} (${e.fn}).`;
    case 'end':
      return `${G(e.g)} finished.`;
    case 'block':
      if (e.reason === 'chan send')
        return `${G(e.g)} blocks sending on ${name}: no receiver is waiting and there is no room in its buffer.`;
      if (e.reason === 'chan receive')
        return `${G(e.g)} blocks receiving from ${name}: no value is waiting.`;
      if (e.reason === 'chan send (nil chan)' || e.reason === 'chan receive (nil chan)')
        return `${G(e.g)} blocks for ever: ${e.reason.startsWith('chan send') ? 'a send on' : 'a receive from'} a nil channel never proceeds.`;
      if (e.reason === 'select (no cases)') return `${G(e.g)} blocks for ever in select {}.`;
      if (e.reason === 'select')
        return `${G(e.g)} waits in a select: none of its cases is ready, so it waits on all of their channels.`;
      if (e.reason === 'semacquire')
        return `${G(e.g)} waits on ${name}.Wait until the counter reaches zero.`;
      if (e.reason === 'sync.Cond.Wait')
        return `${G(e.g)} sleeps in ${name}.Wait until a Signal or Broadcast wakes it.`;
      if (e.reason === 'sync.RWMutex.RLock')
        return `${G(e.g)} blocks in ${name}.RLock: a writer${e.holders[0] ? ` (${G(e.holders[0])})` : ''} is waiting or writing, and writers come first.`;
      if (e.reason === 'sync.RWMutex.Lock')
        return `${G(e.g)} waits in ${name}.Lock for the readers to leave${e.holders.length ? ` (${e.holders.map(G).join(', ')})` : ''}.`;
      return `${G(e.g)} blocks on ${name}.Lock${e.holders[0] ? `; ${G(e.holders[0])} holds it` : ''}.`;
    case 'wake':
      // (by 0: the runtime, as a timer or a deadline)
      if (e.by === 0) return `The clock wakes ${G(e.g)}, which waited for ${name}.`;
      return `${G(e.by)} wakes ${G(e.g)}, which waited for ${name}.`;
    case 'acquire':
      if (e.handoff) return `${name} is handed straight to ${G(e.g)} (starvation mode).`;
      if (e.barged) return `${G(e.g)} takes ${name} first, overtaking a waiter that was woken.`;
      return `${G(e.g)} ${e.mode === 'rlock' ? 'takes a read lock on' : 'takes'} ${name}.`;
    case 'release':
      return `${G(e.g)} ${e.mode === 'rlock' ? 'releases its read lock on' : 'unlocks'} ${name}.`;
    case 'try':
      return e.ok ? `${G(e.g)}'s TryLock on ${name} succeeds.` : `${G(e.g)} finds ${name} taken.`;
    case 'writer-pending':
      return `${G(e.g)} announces itself as a writer on ${name}${e.readers > 0 ? `; it waits for ${e.readers} reader${e.readers > 1 ? 's' : ''}, and new readers now wait too` : ''}.`;
    case 'starvation':
      return e.on
        ? `${name} switches to starvation mode: a waiter waited more than 1 ms.`
        : `${name} returns to normal mode.`;
    case 'requeue':
      return `${G(e.g)} lost the race for ${name}${e.overtakenBy ? ` to ${G(e.overtakenBy)}` : ''} and goes back to the head of the queue.`;
    case 'map':
      switch (e.op) {
        case 'check':
          return `${G(e.g)} checks ${name}'s writing flag: clear.`;
        case 'flag':
          return e.writing
            ? `${G(e.g)} sets ${name}'s writing flag.`
            : `${G(e.g)} flips ${name}'s writing flag off: another writer had set it.`;
        case 'write':
          return `${G(e.g)} writes ${name}[${e.key}] = ${e.value}.`;
        case 'delete':
          return `${G(e.g)} deletes ${name}[${e.key}].`;
        case 'clear':
          return `${G(e.g)} clears ${name}.`;
        case 'unflag':
          return `${G(e.g)} clears ${name}'s writing flag.`;
        case 'read':
          return `${G(e.g)} reads ${name}[${e.key}].`;
        case 'iterate':
          return `${G(e.g)} visits ${name}[${e.key}].`;
        case 'len':
          return `${G(e.g)} reads len(${name}) without any check.`;
      }
      return null;
    case 'lost-update':
      return `${G(e.g)} overwrites ${name}[${e.key}] with ${e.written}: the ${e.lost} that ${G(e.lostBy)} wrote after ${G(e.g)} read it is lost.`;
    case 'sleep':
      return `${G(e.g)} ${e.reason === 'IO wait' ? 'waits for the network' : 'sleeps'}.`;
    case 'time':
      return `Time moves on to ${(e.now / 1e6).toFixed(3).replace(/\.?0+$/, '')} ms.`;
    case 'output':
      return `${G(e.g)} prints ${JSON.stringify(e.text.replace(/\n$/, ''))}.`;
    case 'panic':
      return `${G(e.g)} panics: ${e.value}.`;
    case 'recover':
      return `${G(e.g)} recovers from the panic.`;
    case 'cancel':
      return `A context is cancelled: ${e.err}.`;
    case 'race':
      return `The race detector reports a data race in ${G(e.g)}.`;
    case 'wg':
      return `${G(e.g)} sets ${name}'s counter to ${e.n}.`;
    case 'chan':
      // (g 0: the runtime: a timer's time, a deadline's close)
      if (e.g === 0)
        return e.op === 'close'
          ? `The deadline closes ${name}.`
          : `The timer delivers the time on ${name}.`;
      switch (e.op) {
        case 'send':
          return `${G(e.g)} sends ${e.value ?? 'a value'} on ${name}.`;
        case 'recv':
          return e.closed
            ? `${G(e.g)} receives from ${name}, which is closed and empty: the zero value, ${e.value ?? ''}, and ok is false.`
            : `${G(e.g)} receives ${e.value ?? 'a value'} from ${name}.`;
        case 'sent':
          return `${G(e.g)}'s send on ${name} is done: a receiver took the value.`;
        case 'received':
          return e.closed
            ? `${G(e.g)} wakes: ${name} was closed, so it receives the zero value, ${e.value ?? ''}, and ok is false.`
            : `${G(e.g)} receives ${e.value ?? 'the value'} it waited for on ${name}.`;
        case 'close':
          return `${G(e.g)} closes ${name}.`;
      }
      return null;
    case 'select': {
      const n = e.ready.length;
      return `${G(e.g)}'s select has ${n === 2 ? 'two' : n} cases ready (${e.ready.join(', ')}) and takes the ${e.took}: Go takes one of them at random.`;
    }
    case 'cond': {
      if (e.op === 'wait') return `${G(e.g)} calls ${name}.Wait: it takes a ticket and unlocks L.`;
      const what = `${G(e.g)} calls ${name}.${e.op === 'signal' ? 'Signal' : 'Broadcast'}`;
      if (e.lost) return `${what}: nobody is in Wait, so the signal is lost.`;
      if (e.woke.length === 0)
        return `${what}: the goroutine it notifies has not gone to sleep yet, and now will not.`;
      return `${what}: ${e.woke.map(G).join(', ')} wake${e.woke.length > 1 ? '' : 's'} up and will lock L again.`;
    }
    case 'atomic': {
      const what = name || 'the value';
      switch (e.op) {
        case 'Load':
          return `${G(e.g)} reads ${what} atomically: ${e.value}.`;
        case 'Store':
          return `${G(e.g)} stores ${e.value} in ${what} atomically.`;
        case 'Add':
          return `${G(e.g)} adds to ${what} atomically: now ${e.value}.`;
        case 'Swap':
          return `${G(e.g)} swaps ${e.value} into ${what} atomically.`;
        case 'And':
        case 'Or':
          return `${G(e.g)} ${e.op === 'And' ? 'ands' : 'ors'} bits into ${what} atomically: now ${e.value}.`;
        case 'CompareAndSwap':
          return e.swapped
            ? `${G(e.g)}'s CompareAndSwap on ${what} succeeds: now ${e.value}.`
            : `${G(e.g)}'s CompareAndSwap on ${what} fails: it holds ${e.value}.`;
      }
    }
  }
}

const IMPORTANT: ReadonlySet<EngineEvent['t']> = new Set([
  'block',
  'acquire',
  'release',
  'lost-update',
  'starvation',
  'requeue',
  'writer-pending',
  'panic',
  'recover',
  'race',
  'spawn',
  'end',
  'output',
  'atomic',
  'cond',
  'wg',
  'cancel',
  'wake',
  'chan',
  'select',
]);

/**
 * @param names objects' names as the picture shows them, by heap id (the snapshot's), where
 *   they differ from the name an event carries
 */
export function narrate(
  m: Machine,
  events: readonly EngineEvent[],
  g: number,
  line = 0,
  names: ReadonlyMap<number, string> = NO_NAMES,
): string {
  if (m.outcome && m.outcome.first)
    return `${m.outcome.first}${m.outcome.g ? ` (in ${G(m.outcome.g)})` : ''}`;
  if (m.outcome && m.outcome.code !== 0)
    return `${m.outcome.g ? `${G(m.outcome.g)} ended` : 'It ended'} the program with exit status ${m.outcome.code} (os.Exit, or log.Fatal).`;
  if (m.outcome) return 'The program exited normally (exit status 0).';
  const parts = events
    .filter((e) => IMPORTANT.has(e.t))
    .map((e) => describeEvent(e, names))
    .filter((s): s is string => !!s);
  if (parts.length === 0) {
    const mapEv = events.find((e) => e.t === 'map');
    const s = mapEv ? describeEvent(mapEv, names) : null;
    if (s) return s;
    if (!m.gs.some((x) => x.id === g)) return '';
    const gs = m.g(g);
    if (gs.st === 'done') return `${G(g)} finished.`;
    const text = line > 0 ? lineText(m, line) : '';
    return text ? `${G(g)} runs line ${line}: ${text}` : `${G(g)} took a step.`;
  }
  return parts.slice(0, 3).join(' ');
}

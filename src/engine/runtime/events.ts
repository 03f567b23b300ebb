/**
 * What a step did, as typed events: what the UI animates, the timeline draws and the
 * narration reads aloud. Values are rendered to strings when the event happens, so events
 * stay valid whatever the heap does later.
 */
import type { Pos } from '../lang/source';

/** Go's wait reasons, verbatim (runtime2.go), as they appear in `goroutine N [reason]:`. */
export type WaitReason =
  | 'sync.Mutex.Lock'
  | 'sync.RWMutex.RLock'
  | 'sync.RWMutex.Lock'
  | 'semacquire'
  | 'sync.Cond.Wait'
  | 'sleep'
  | 'IO wait'
  | 'chan send'
  | 'chan receive'
  | 'chan send (nil chan)'
  | 'chan receive (nil chan)'
  | 'select (no cases)'
  | 'select';

export type GState = 'runnable' | 'blocked' | 'sleeping' | 'done' | 'crashed';

export type LockKind = 'mutex' | 'rwmutex';

export type EngineEvent =
  | {
      readonly t: 'spawn';
      /** who started it: 0 for the runtime (time.AfterFunc's timer firing) */
      readonly g: number;
      readonly child: number;
      readonly fn: string;
      readonly pos: Pos;
    }
  | { readonly t: 'end'; readonly g: number }
  | {
      readonly t: 'block';
      readonly g: number;
      readonly obj: number;
      readonly reason: WaitReason;
      readonly name: string;
      readonly holders: readonly number[];
    }
  | {
      readonly t: 'wake';
      readonly g: number;
      readonly by: number;
      readonly obj: number;
      readonly name: string;
    }
  | {
      readonly t: 'acquire';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly mode: 'lock' | 'rlock';
      readonly barged: boolean;
      readonly handoff: boolean;
    }
  | {
      readonly t: 'release';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly mode: 'lock' | 'rlock';
    }
  | {
      readonly t: 'try';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly ok: boolean;
      readonly mode: 'lock' | 'rlock';
    }
  | {
      readonly t: 'writer-pending';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly readers: number;
    }
  | { readonly t: 'starvation'; readonly obj: number; readonly name: string; readonly on: boolean }
  | {
      readonly t: 'requeue';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly overtakenBy: number;
    }
  | {
      readonly t: 'map';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly op:
        'check' | 'flag' | 'write' | 'delete' | 'clear' | 'unflag' | 'read' | 'iterate' | 'len';
      readonly key: string | null;
      readonly value: string | null;
      readonly writing: boolean;
    }
  | {
      readonly t: 'lost-update';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly key: string;
      /** the value the other goroutine wrote, now overwritten without having been read */
      readonly lost: string;
      readonly lostBy: number;
      readonly written: string;
    }
  | { readonly t: 'sleep'; readonly g: number; readonly until: number; readonly reason: WaitReason }
  | { readonly t: 'time'; readonly now: number }
  | {
      readonly t: 'output';
      readonly g: number;
      readonly stream: 'stdout' | 'stderr';
      readonly text: string;
    }
  | { readonly t: 'panic'; readonly g: number; readonly value: string }
  | { readonly t: 'recover'; readonly g: number; readonly value: string }
  | { readonly t: 'cancel'; readonly g: number; readonly obj: number; readonly err: string }
  | { readonly t: 'race'; readonly g: number; readonly report: string }
  | {
      /**
       * a channel: a value sent (into the buffer or to a waiting receiver) or received, a
       * parked sender or receiver resuming ('sent', 'received'), a close; `value` is the value
       * as fmt prints it (null where there is none, or when nothing records)
       */
      readonly t: 'chan';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly op: 'send' | 'recv' | 'sent' | 'received' | 'close';
      readonly value: string | null;
      /** a receive that found the channel closed (the zero value, ok false) */
      readonly closed: boolean;
    }
  | {
      /**
       * a select found two or more of its cases ready and took one (at random in Go; here
       * by the seed, or as a schedule or the explorer chose): each ready case as
       * `receive from jobs` or `send on results`, in source order, and the one taken
       */
      readonly t: 'select';
      readonly g: number;
      readonly ready: readonly string[];
      readonly took: string;
    }
  | {
      readonly t: 'wg';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly n: number;
    }
  | {
      /**
       * a sync.Cond: Wait takes a ticket and will unlock L ('wait'), Signal and Broadcast
       * notify, waking the goroutines in `woke` (none if nobody was asleep yet)
       */
      readonly t: 'cond';
      readonly g: number;
      readonly obj: number;
      readonly name: string;
      readonly op: 'wait' | 'signal' | 'broadcast';
      readonly woke: readonly number[];
      /** a Signal or Broadcast with no ticket left to notify: nobody is in Wait, it is lost */
      readonly lost: boolean;
    }
  | {
      /** a sync/atomic operation (or sync.Once's look at its done flag) */
      readonly t: 'atomic';
      readonly g: number;
      readonly obj: number;
      /** the variable's name for the UI ('' when it has none) */
      readonly name: string;
      readonly op: 'Load' | 'Store' | 'Add' | 'Swap' | 'CompareAndSwap' | 'And' | 'Or';
      /** the value it read (Load, and a CompareAndSwap that failed) or left */
      readonly value: string;
      /** a CompareAndSwap that found the value it expected */
      readonly swapped: boolean;
    };

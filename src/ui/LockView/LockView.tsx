import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../Sim/SimContext';
import { idsAt } from '../places';
import type { ChanView } from '../../engine/runtime/snapshot';
import { Token } from '../Lanes/Token';
import { useCapped } from '../Lanes/More';
import { useRegionName } from '../Sim/regionName';
import styles from './LockView.module.css';

/** The goroutines drawn at a place, in their queue's order (those not in it after). */
function inQueueOrder(q: readonly number[], here: readonly number[]): number[] {
  return [...q.filter((g) => here.includes(g)), ...here.filter((g) => !q.includes(g))];
}

function Queue({
  lockId,
  slot,
  label,
  empty,
}: {
  readonly lockId: number;
  readonly slot: 'queue' | 'writer' | 'readers';
  readonly label: string;
  readonly empty: string;
}) {
  const order = useSim(
    useShallow((s) => {
      const l = s.snapshot?.locks.find((x) => x.id === lockId);
      if (!s.snapshot || !l) return [];
      const here = idsAt(s.snapshot, (p) => p.k === 'lock' && p.id === lockId && p.slot === slot);
      const q = slot === 'readers' ? l.readerQueue : slot === 'queue' ? l.queue : [l.pendingWriter];
      return inQueueOrder(q, here);
    }),
  );
  const { shown, more } = useCapped(order);
  return (
    <div className={styles.queue} aria-label={label}>
      <span className={styles.qlabel}>{label}</span>
      {order.length === 0 ? <span className={styles.empty}>{empty}</span> : null}
      <ol className={styles.qlist}>
        {shown.map((id, i) => (
          <li key={id}>
            {i === 0 && slot === 'queue' && <span className={styles.head}>head</span>}
            <Token id={id} />
          </li>
        ))}
        {more && <li>{more}</li>}
      </ol>
    </div>
  );
}

function LockIcon({ locked }: { readonly locked: boolean }) {
  return (
    <svg
      className={styles.icon}
      width="16"
      height="18"
      viewBox="0 0 16 18"
      aria-hidden="true"
      focusable="false"
    >
      <rect
        x="1.5"
        y="8"
        width="13"
        height="9"
        rx="2"
        fill={locked ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.8"
      />
      <path
        d={locked ? 'M4.5 8V5.5a3.5 3.5 0 0 1 7 0V8' : 'M4.5 8V5.5a3.5 3.5 0 0 1 6.8-1.2'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      />
    </svg>
  );
}

function G({ id }: { readonly id: number }) {
  return <span className={styles.badge}>G{id}</span>;
}

function LockCard({ id }: { readonly id: number }) {
  const l = useSim((s) => s.snapshot?.locks.find((x) => x.id === id) ?? null);
  const showCounters = useSim((s) => s.snapshot !== null);
  if (!l) return null;
  const owner = l.owner ? `G${l.owner}` : '';
  const state =
    l.kind === 'mutex'
      ? l.locked
        ? `held by G${l.owner}`
        : 'free'
      : l.owner
        ? `write-locked by G${l.owner}`
        : l.readers.length > 0
          ? `read-locked by ${l.readers.length}`
          : l.pendingWriter
            ? 'writer pending'
            : 'free';
  return (
    <article
      className={styles.lock}
      data-lock={l.name}
      data-owner={owner}
      data-starving={l.starving}
      data-kind={l.kind}
      aria-label={`${l.name}: sync.${l.kind === 'mutex' ? 'Mutex' : 'RWMutex'}, ${state}${l.starving ? ', starvation mode' : ''}`}
    >
      <header className={styles.head1}>
        <LockIcon locked={l.locked} />
        <h3 className={styles.name}>{l.name}</h3>
        <span className={styles.type}>sync.{l.kind === 'mutex' ? 'Mutex' : 'RWMutex'}</span>
        <span className={styles.state} data-locked={l.locked}>
          {state}
        </span>
        <span
          className={styles.mode}
          data-starving={l.starving}
          title="Go's Mutex switches to starvation mode when a waiter has waited more than 1 ms: Unlock then hands the lock straight to the head of the queue."
        >
          {l.starving ? 'starvation mode' : 'normal mode'}
        </span>
      </header>
      {l.kind === 'rwmutex' && (
        <div className={styles.readers}>
          <span className={styles.qlabel}>Readers inside</span>
          {l.readers.length === 0 ? (
            <span className={styles.empty}>none</span>
          ) : (
            l.readers.map((r, i) => <G key={`${r}-${i}`} id={r} />)
          )}
        </div>
      )}
      {l.kind === 'rwmutex' && (
        <Queue lockId={id} slot="writer" label="Writer waiting for readers to leave" empty="none" />
      )}
      {l.kind === 'rwmutex' && (
        <Queue
          lockId={id}
          slot="readers"
          label="Readers held back (writer preference)"
          empty="none"
        />
      )}
      <Queue
        lockId={id}
        slot="queue"
        label={l.kind === 'mutex' ? 'Wait queue (FIFO)' : 'Writers queued (on its inner Mutex, w)'}
        empty="empty"
      />
      {l.wokenG > 0 && (
        <p className={styles.woken} data-woken={`G${l.wokenG}`}>
          <G id={l.wokenG} /> was woken by Unlock and will try again — a goroutine arriving now can
          take {l.name} first; if it does, <G id={l.wokenG} /> goes back to the head of the queue.
        </p>
      )}
      {l.kind === 'rwmutex' && showCounters && (
        <details className={styles.counters}>
          <summary>Go's counters</summary>
          <dl>
            <dt>readerCount</dt>
            <dd>
              {l.readerCount}
              {l.readerCount < 0
                ? ` (= ${l.readerCount + 2 ** 30} − 2³⁰: a writer is pending)`
                : ''}
            </dd>
            <dt>readerWait</dt>
            <dd>{l.readerWait}</dd>
          </dl>
        </details>
      )}
    </article>
  );
}

/** Goroutines waiting in a wait group or a Cond, in order, or "none". */
function Waiters({ label, ids }: { readonly label: string; readonly ids: readonly number[] }) {
  const { shown, more } = useCapped(ids);
  return (
    <div className={styles.queue} role="group" aria-label={label}>
      <span className={styles.qlabel} aria-hidden="true">
        {label}
      </span>
      {ids.length === 0 && <span className={styles.empty}>none</span>}
      <ol className={styles.qlist}>
        {shown.map((g) => (
          <li key={g}>
            <Token id={g} />
          </li>
        ))}
        {more && <li>{more}</li>}
      </ol>
    </div>
  );
}

function WaitGroupCard({ id }: { readonly id: number }) {
  const w = useSim((s) => s.snapshot?.waitGroups.find((x) => x.id === id) ?? null);
  const waiting = useSim(
    useShallow((s) => (s.snapshot ? idsAt(s.snapshot, (p) => p.k === 'wg' && p.id === id) : [])),
  );
  if (!w) return null;
  return (
    <article
      className={styles.lock}
      data-waitgroup={w.name}
      aria-label={`${w.name}: sync.WaitGroup, counter ${w.counter}`}
    >
      <header className={styles.head1}>
        <h3 className={styles.name}>{w.name}</h3>
        <span className={styles.type}>sync.WaitGroup</span>
        <span className={styles.state}>counter {w.counter}</span>
      </header>
      <Waiters label="Waiting in Wait" ids={waiting} />
    </article>
  );
}

function CondCard({ id }: { readonly id: number }) {
  const c = useSim((s) => s.snapshot?.conds.find((x) => x.id === id) ?? null);
  const asleep = useSim(
    useShallow((s) => (s.snapshot ? idsAt(s.snapshot, (p) => p.k === 'cond' && p.id === id) : [])),
  );
  if (!c) return null;
  return (
    <article
      className={styles.lock}
      data-cond={c.name}
      aria-label={`${c.name}: sync.Cond${c.locker ? ` on ${c.locker}` : ''}, ${asleep.length} asleep in Wait`}
    >
      <header className={styles.head1}>
        <h3 className={styles.name}>{c.name}</h3>
        <span className={styles.type}>sync.Cond</span>
        {c.locker && <span className={styles.state}>L is {c.locker}</span>}
      </header>
      <Waiters label="Asleep in Wait" ids={asleep} />
      <p className={styles.meta}>
        tickets taken {c.tickets}, notified {c.notified}
      </p>
    </article>
  );
}

/**
 * A channel: its type, its buffer (a slot for each place, the values head first), whether it
 * is closed, and the goroutines parked in a send or a receive on it, longest waiting first.
 */
function ChanCard({ id }: { readonly id: number }) {
  const c = useSim((s) => s.snapshot?.chans.find((x) => x.id === id) ?? null);
  const senders = useSim(
    useShallow((s) =>
      s.snapshot
        ? idsAt(s.snapshot, (p) => p.k === 'chan' && p.id === id && p.slot === 'send')
        : [],
    ),
  );
  const receivers = useSim(
    useShallow((s) =>
      s.snapshot
        ? idsAt(s.snapshot, (p) => p.k === 'chan' && p.id === id && p.slot === 'recv')
        : [],
    ),
  );
  if (!c) return null;
  const state = c.timer
    ? timerState(c.timer)
    : c.closed
      ? 'closed'
      : c.cap === 0
        ? 'unbuffered'
        : `${c.buffer.length} of ${c.cap} in the buffer`;
  // (a long buffer shows its first slots and a count)
  const slots = Math.min(c.cap, MAX_SLOTS);
  return (
    <article
      className={styles.lock}
      data-chan={c.name}
      data-closed={c.closed}
      aria-label={`${c.name}: ${c.type}, ${state}${c.closed && c.cap > 0 ? `, ${c.buffer.length} of ${c.cap} in the buffer` : ''}`}
    >
      <header className={styles.head1}>
        <h3 className={styles.name}>{c.name}</h3>
        <span className={styles.type}>{c.type}</span>
        <span className={styles.state} data-closed={c.closed}>
          {state}
        </span>
      </header>
      {c.cap > 0 && (
        <ol className={styles.buffer} aria-label="buffer, head first">
          {Array.from({ length: slots }, (_, i) => {
            const v = c.buffer[i];
            return (
              <li key={i} className={styles.slot} data-full={v !== undefined}>
                {v ?? <span className={styles.srOnly}>empty</span>}
              </li>
            );
          })}
          {c.cap > slots && <li className={styles.more}>+{c.cap - slots} slots</li>}
        </ol>
      )}
      <Waiters label="Waiting to send" ids={inQueueOrder(c.senders, senders)} />
      <Waiters label="Waiting to receive" ids={inQueueOrder(c.receivers, receivers)} />
      <InSelect
        ids={[...c.senders, ...c.receivers].filter(
          (g) => !senders.includes(g) && !receivers.includes(g),
        )}
      />
    </article>
  );
}

/** A timer's or a ticker's channel: when it delivers the time, in virtual milliseconds. */
function timerState(t: NonNullable<ChanView['timer']>): string {
  const ms = (ns: number) => `${(ns / 1e6).toFixed(ns % 1e6 === 0 ? 0 : 3)} ms`;
  const kept = t.kept ? '; a time waits to be received' : '';
  if (t.next === null) return t.kept ? 'fired: its time waits to be received' : 'stopped or fired';
  return `${t.every > 0 ? `ticks every ${ms(t.every)}, next at ${ms(t.next)}` : `fires at ${ms(t.next)}`}${kept}`;
}

/** Goroutines queued on a channel in a select, drawn at another of its channels. */
function InSelect({ ids }: { readonly ids: readonly number[] }) {
  if (ids.length === 0) return null;
  return (
    <p className={styles.meta}>
      also waiting here, in a select: {ids.map((g) => `G${g}`).join(', ')}
    </p>
  );
}

/** Slots of a channel's buffer drawn; the rest are counted. */
const MAX_SLOTS = 8;

/** Goroutines parked for ever: on a nil channel, or in select {}. */
function ForeverCard() {
  const ids = useSim(
    useShallow((s) => (s.snapshot ? idsAt(s.snapshot, (p) => p.k === 'forever') : [])),
  );
  if (ids.length === 0) return null;
  return (
    <article className={styles.lock} data-forever aria-label="Blocked for ever">
      <header className={styles.head1}>
        <h3 className={styles.name}>blocked for ever</h3>
        <span className={styles.type}>nil channel or select {'{}'}</span>
      </header>
      <Waiters label="Parked" ids={ids} />
    </article>
  );
}

/** Every lock the program can still reach, with its owner and its queues in order. */
export function LockView() {
  const ids = useSim(useShallow((s) => s.snapshot?.locks.map((l) => l.id) ?? []));
  const wgs = useSim(useShallow((s) => s.snapshot?.waitGroups.map((w) => w.id) ?? []));
  const conds = useSim(useShallow((s) => s.snapshot?.conds.map((c) => c.id) ?? []));
  const chans = useSim(useShallow((s) => s.snapshot?.chans.map((c) => c.id) ?? []));
  const name = useRegionName('Locks');
  return (
    <section className={styles.locks} aria-label={name}>
      {ids.length === 0 && wgs.length === 0 && conds.length === 0 && chans.length === 0 && (
        <p className={styles.empty}>No locks yet.</p>
      )}
      {ids.map((id) => (
        <LockCard key={id} id={id} />
      ))}
      {wgs.map((id) => (
        <WaitGroupCard key={id} id={id} />
      ))}
      {conds.map((id) => (
        <CondCard key={id} id={id} />
      ))}
      {chans.map((id) => (
        <ChanCard key={id} id={id} />
      ))}
      <ForeverCard />
    </section>
  );
}

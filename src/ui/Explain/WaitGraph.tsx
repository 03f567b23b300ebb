import type { WaitEdge } from '../../engine/runtime/diagnose';
import { colorIndex } from '../places';
import styles from './Explain.module.css';

/**
 * A deadlock drawn as its cycle: goroutines and locks around a circle, an arrow from each
 * goroutine to the lock it waits for, and from each lock to the goroutine that holds it.
 */
export function WaitGraph({ waits }: { readonly waits: readonly WaitEdge[] }) {
  const gs = [...new Set(waits.flatMap((w) => [w.g, ...w.heldBy]))];
  const locks = [...new Set(waits.map((w) => w.on))];
  const nodes = [
    ...gs.map((g) => ({ key: `g${g}`, label: `G${g}`, g })),
    ...locks.map((l) => ({ key: `l${l}`, label: l, g: 0 })),
  ];
  // alternate goroutines and locks around the circle when the cycle allows it
  const order: typeof nodes = [];
  for (const w of waits) {
    for (const k of [`g${w.g}`, `l${w.on}`]) {
      const n = nodes.find((x) => x.key === k);
      if (n && !order.includes(n)) order.push(n);
    }
  }
  for (const n of nodes) if (!order.includes(n)) order.push(n);
  const W = 340;
  const H = 170;
  const RX = W / 2 - 48;
  const RY = H / 2 - 34;
  const at = (i: number) => (2 * Math.PI * i) / order.length - Math.PI / 2;
  const pos = new Map(
    order.map((n, i) => [
      n.key,
      { x: W / 2 + RX * Math.cos(at(i)), y: H / 2 - 6 + RY * Math.sin(at(i)) },
    ]),
  );
  const arrows: { from: string; to: string; kind: 'waits' | 'held' }[] = [];
  for (const w of waits) {
    arrows.push({ from: `g${w.g}`, to: `l${w.on}`, kind: 'waits' });
    for (const h of w.heldBy) arrows.push({ from: `l${w.on}`, to: `g${h}`, kind: 'held' });
  }
  const line = (a: { x: number; y: number }, b: { x: number; y: number }) => {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.hypot(dx, dy) || 1;
    const k = 24 / d;
    return { x1: a.x + dx * k, y1: a.y + dy * k, x2: b.x - dx * k, y2: b.y - dy * k };
  };
  const text = waits
    .map(
      (w) =>
        `G${w.g} waits for ${w.on}${w.heldBy.length ? `, held by ${w.heldBy.map((h) => `G${h}`).join(', ')}` : ''}`,
    )
    .join('; ');
  return (
    <svg
      className={styles.graph}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Wait-for graph: ${text}`}
    >
      <defs>
        {(
          [
            ['arrow-waits', 'var(--danger)'],
            ['arrow-held', 'var(--fg)'],
          ] as const
        ).map(([id, fill]) => (
          <marker
            key={id}
            id={id}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0 0L10 5L0 10z" fill={fill} />
          </marker>
        ))}
      </defs>
      {arrows.map((a, i) => {
        const p = pos.get(a.from);
        const q = pos.get(a.to);
        if (!p || !q) return null;
        if (a.from === a.to) return null;
        return (
          <line
            key={i}
            {...line(p, q)}
            stroke={a.kind === 'waits' ? 'var(--danger)' : 'var(--fg)'}
            strokeWidth={2}
            strokeDasharray={a.kind === 'waits' ? '5 3' : undefined}
            markerEnd={`url(#arrow-${a.kind})`}
          />
        );
      })}
      {order.map((n) => {
        const p = pos.get(n.key);
        if (!p) return null;
        return n.g ? (
          <g key={n.key} className={styles.gnode} data-color={colorIndex(n.g)}>
            <circle cx={p.x} cy={p.y} r={20} />
            <text x={p.x} y={p.y + 4} textAnchor="middle">
              {n.label}
            </text>
          </g>
        ) : (
          <g key={n.key} className={styles.lnode}>
            {/* the whole name on hover, where the box shortens it */}
            <title>{n.label}</title>
            <rect x={p.x - 34} y={p.y - 13} width={68} height={26} rx={5} />
            <text x={p.x} y={p.y + 4} textAnchor="middle">
              {boxLabel(n.label)}
            </text>
          </g>
        );
      })}
      <text x={6} y={H - 8} className={styles.legendText}>
        - - → waits for —→ held by
      </text>
    </svg>
  );
}

/**
 * A lock's name as its small box shows it: a writer waiting for readers to leave is shown as
 * a wait for the write lock, `mu (write)` beside `mu (read)`, and a long name is shortened.
 */
function boxLabel(label: string): string {
  const short = label.replace(/ \(waiting for readers\)$/, ' (write)');
  return short.length > 11 ? `${short.slice(0, 10)}…` : short;
}

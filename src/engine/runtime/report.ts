/**
 * The runtime's reports on stderr, in Go's format: `panic: …` with the panicking goroutine's
 * stack, and `fatal error: …` with every goroutine and its wait reason. Interleave prints the
 * frames of your program only (Go also prints runtime and sync frames, argument words and
 * code offsets, which depend on the build).
 */
import type { Pos } from '../lang/source';
import type { G, Machine, PanicState, TraceFrame } from './machine';
import { GO, creatorFile } from './messages';

export function frameLines(file: string, frames: readonly TraceFrame[], indent = ''): string {
  return frames
    .map((f) => `${indent}${f.fn}(${f.hasArgs ? '...' : ''})\n${indent}\t${file}:${f.pos.line}\n`)
    .join('');
}

function createdBy(m: Machine, g: G): string {
  if (!g.createdAt || !g.createdIn) return '';
  // (a timer's goroutine is started by the runtime, in no goroutine)
  const file = creatorFile(g.createdIn) ?? m.fileName;
  return `created by ${g.createdIn}${g.createdBy > 0 ? ` in goroutine ${g.createdBy}` : ''}\n\t${file}:${g.createdAt.line}\n`;
}

function header(g: G, running: boolean): string {
  if (running) return `goroutine ${g.id} [running]:`;
  if (g.st === 'runnable') return `goroutine ${g.id} [runnable]:`;
  return `goroutine ${g.id} [${g.reason ?? 'running'}]:`;
}

export function panicReport(m: Machine, g: G, p: PanicState): string {
  const chain: PanicState[] = [];
  for (let q: PanicState | null = p; q; q = q.prev) chain.unshift(q);
  let out = chain
    .map((q, i) => `${i > 0 ? '\t' : ''}panic: ${q.text}${q.recovered ? ' [recovered]' : ''}\n`)
    .join('');
  if (p.runtimeError && p.text === GO.nilDeref) out += `${GO.nilDerefSignal}\n`;
  out += `\n${header(g, true)}\n${frameLines(m.fileName, p.trace)}${createdBy(m, g)}`;
  return out;
}

/** A fatal error prints every goroutine: the one that failed first, then the others. */
export function fatalReport(m: Machine, msg: string, failing: G | null, pos: Pos | null): string {
  let out = `fatal error: ${msg}\n`;
  const blocks: string[] = [];
  if (failing)
    blocks.push(
      `${header(failing, true)}\n${frameLines(m.fileName, m.traceback(failing, pos))}${createdBy(m, failing)}`,
    );
  for (const g of m.gs) {
    if (g === failing || g.id === failing?.id || g.st === 'done' || g.fr.length === 0) continue;
    blocks.push(`${header(g, false)}\n${frameLines(m.fileName, m.traceback(g))}${createdBy(m, g)}`);
  }
  if (blocks.length > 0) out += `\n${blocks.join('\n')}`;
  return out;
}

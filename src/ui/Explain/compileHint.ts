/**
 * What to do about a program that does not compile, for the mistakes a learner makes when
 * pasting code from the tutorial or from newer Go: the compiler's message says what is wrong
 * (and stays in the output, verbatim); this says what Interleave can run instead.
 */
import type { Diagnostic } from '../../engine';
import { packages } from '../../engine/lang/stdlib';

/** The standard library Interleave simulates, as a list to read. */
export function simulatedPackages(): string {
  return [...packages.keys()].sort().join(', ');
}

export function compileHint(d: Diagnostic, source: string): string | null {
  const msg = d.msg;
  if (/^package \S+ is not in std$/.test(msg) || /^package \S+ is not simulated$/.test(msg))
    return `Interleave runs one file, package main, with part of the standard library (${simulatedPackages()}). A package of your own cannot be imported: copy the types you need into this file (type Job struct { … }) and write Job where the tutorial writes domain.Job.`;
  const undef = /^undefined: ([a-z]\w*)$/.exec(msg);
  if (undef && new RegExp(`\\b${undef[1]}\\.[A-Z]`).test(source))
    return `${undef[1]} is used like a package. Interleave runs one file: copy the types you need into it (type Job struct { … }) and write Job for ${undef[1]}.Job, or import the package if it is one of those simulated (${simulatedPackages()}).`;
  if (/^\S+\.Go undefined \(type sync\.WaitGroup has no field or method Go\)$/.test(msg))
    return 'WaitGroup.Go arrived in Go 1.25; Interleave follows Go 1.23. Write wg.Add(1) and then go func() { defer wg.Done(); … }().';
  if (msg.startsWith('unsupported: ') && /channel/.test(msg))
    return 'Interleave shows what guards shared memory: Mutex, RWMutex, WaitGroup, Once, Cond, sync.Map and sync/atomic. To wait for goroutines, use a sync.WaitGroup; to hand results over, a slice or map guarded by a mutex.';
  if (msg === 'unsupported: generic functions' || msg === 'unsupported: generic types')
    return 'Write it for the types you use (a map[string]Job rather than a Map[K, V]): Interleave does not simulate type parameters yet.';
  if (/^declared and not used: /.test(msg))
    return 'Go refuses a variable that is never used: use it, or assign to _ instead.';
  if (/^"[^"]+" imported and not used$/.test(msg))
    return 'Go refuses an import that is not used: remove it, or use it.';
  if (msg === 'missing return')
    return 'Every path through a function with results must end in a return (or a panic).';
  return null;
}

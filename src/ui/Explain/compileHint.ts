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
  if (/^package \S+ is not in std$/.test(msg))
    return `Interleave runs one file, package main, with part of the standard library (${simulatedPackages()}). A package of your own cannot be imported: copy the types you need into this file (type Job struct { … }) and write Job where the tutorial writes domain.Job.`;
  const std = /^unsupported: package (\S+) is not simulated$/.exec(msg);
  if (std)
    return `Interleave simulates part of the standard library (${simulatedPackages()}); ${std[1]} is not among them.`;
  const undef = /^undefined: ([a-z]\w*)$/.exec(msg);
  const used = undef && new RegExp(`\\b${undef[1]}\\.([A-Z]\\w*)`).exec(source);
  if (undef && used)
    return `${undef[1]} is used like a package. Interleave runs one file: copy what you need into it (type ${used[1]} struct { … }) and write ${used[1]} for ${undef[1]}.${used[1]}, or import the package if it is one of those simulated (${simulatedPackages()}).`;
  if (/^\S+\.Go undefined \(type sync\.WaitGroup has no field or method Go\)$/.test(msg))
    return 'WaitGroup.Go arrived in Go 1.25; Interleave follows Go 1.23. Write wg.Add(1) and then go func() { defer wg.Done(); … }().';
  if (/^declared and not used: /.test(msg))
    return 'Go refuses a variable that is never used: use it, or assign to _ instead.';
  if (/^"[^"]+" imported and not used$/.test(msg))
    return 'Go refuses an import that is not used: remove it, or use it.';
  if (msg === 'missing return')
    return 'Every path through a function with results must end in a return (or a panic).';
  return null;
}

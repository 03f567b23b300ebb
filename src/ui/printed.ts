/** A program's output as one line of text: its lines joined by slashes ("made the map / 1 jobs"). */
export function printed(stdout: string, max = Infinity): string {
  const line = stdout.trim().split('\n').join(' / ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

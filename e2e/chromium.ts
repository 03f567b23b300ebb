/**
 * How tests, benches and screenshots launch a browser here: Debian's Chromium (there is no
 * browser download on these machines), with the flags its closed network needs.
 */
export const chromiumPath = process.env.INTERLEAVE_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

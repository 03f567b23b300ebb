import { useEffect, useMemo, useRef, useState } from 'react';
import {
  PROTOCOL_VERSION,
  parseEmbedParams,
  parseHostMessage,
  type EmbedMessage,
  type EmbedParams,
} from '../../embed/protocol';
import {
  CUSTOM_ID,
  DEFAULT_SCENARIO,
  customScenario,
  scenarioById,
  type Scenario,
} from '../../scenarios/catalogue';
import type { Speed } from '../../store/simStore';
import { SimProvider, useSim, useSimStore } from '../Sim/SimContext';
import { CodeArea } from '../CodePanel/CodeArea';
import { CodePanel } from '../CodePanel/CodePanel';
import { Lanes } from '../Lanes/Lanes';
import { LockView } from '../LockView/LockView';
import { MapView } from '../MapView/MapView';
import { VarsView } from '../VarsView/VarsView';
import { Console } from '../Console/Console';
import { Scrubber, Transport } from '../Controls/Transport';
import { momentLink } from '../Tools/momentLink';
import styles from './Embed.module.css';

/** Who may drive this embed: kept across program loads. */
interface Trust {
  readonly origin: { current: string | null };
  readonly greeted: { current: boolean };
}

/**
 * Talks to the page that embeds us: `ready` to '*' once, then only to the trusted origin;
 * commands are accepted only from the parent window at that origin, and only when valid.
 */
function Bridge({
  trust,
  onLoad,
}: {
  readonly trust: Trust;
  readonly onLoad: (s: Scenario, seed: number | null) => void;
}) {
  const store = useSimStore();
  const trusted = trust.origin;
  const greeted = trust.greeted;
  useEffect(() => {
    if (window.parent === window) return;
    const send = (m: EmbedMessage) => {
      if (trusted.current && greeted.current) window.parent.postMessage(m, trusted.current);
    };
    // the handshake: the only message ever posted to '*', and only once
    if (!greeted.current)
      window.parent.postMessage(
        { type: 'interleave:ready', version: PROTOCOL_VERSION } satisfies EmbedMessage,
        '*',
      );
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window.parent) return;
      const msg = parseHostMessage(e.data);
      if (!msg) return;
      if (msg.type === 'interleave:hello') {
        if (trusted.current === null) trusted.current = e.origin;
        if (e.origin !== trusted.current) return;
        greeted.current = true;
        const s = store.getState().snapshot;
        if (s)
          send({ type: 'interleave:step', step: s.step, now: s.now, running: [], blocked: [] });
        send({
          type: 'interleave:resize',
          width: document.documentElement.scrollWidth,
          height: document.documentElement.scrollHeight,
        });
        return;
      }
      if (!greeted.current || e.origin !== trusted.current) return;
      const s = store.getState();
      if (msg.type === 'interleave:play') s.play();
      else if (msg.type === 'interleave:pause') s.pause();
      else if (msg.type === 'interleave:step') for (let i = 0; i < (msg.count ?? 1); i++) s.step();
      else if (msg.type === 'interleave:seek') s.seek(msg.step);
      else if (msg.type === 'interleave:load') {
        const sc = msg.scenario ? scenarioById(msg.scenario) : null;
        if (msg.scenario && !sc)
          send({ type: 'interleave:error', message: `no scenario ${msg.scenario}` });
        else onLoad(sc ?? customScenario(msg.source ?? ''), msg.seed ?? null);
      }
    };
    window.addEventListener('message', onMessage);
    let lastStep = -1;
    let told = false;
    const unsub = store.subscribe((st) => {
      const snap = st.snapshot;
      if (!snap || snap.step === lastStep) return;
      lastStep = snap.step;
      send({
        type: 'interleave:step',
        step: snap.step,
        now: snap.now,
        running: snap.goroutines.filter((g) => g.state === 'running').map((g) => `G${g.id}`),
        blocked: snap.goroutines.filter((g) => g.state === 'blocked').map((g) => `G${g.id}`),
      });
      if (snap.outcome && !told) {
        told = true;
        send({
          type: 'interleave:outcome',
          exit: snap.outcome.code,
          first: snap.outcome.first,
          stdout: snap.stdout,
          step: snap.step,
        });
      }
      if (!snap.outcome) told = false;
    });
    const ro = new ResizeObserver(() =>
      send({
        type: 'interleave:resize',
        width: document.documentElement.scrollWidth,
        height: document.documentElement.scrollHeight,
      }),
    );
    ro.observe(document.body);
    return () => {
      window.removeEventListener('message', onMessage);
      unsub();
      ro.disconnect();
    };
  }, [store, onLoad, trusted, greeted]);
  return null;
}

function Start({ params }: { readonly params: EmbedParams }) {
  const store = useSimStore();
  useEffect(() => {
    const s = store.getState();
    if (params.speed !== null)
      s.setSpeed((params.speed === 'max' ? 'max' : Math.max(1, params.speed)) as Speed);
    if (params.start > 0) s.openMoment([], params.start);
    if (params.autoplay) s.play();
  }, [store, params]);
  return null;
}

function EmbedControls({ params }: { readonly params: EmbedParams }) {
  const store = useSimStore();
  const playing = useSim((s) => s.playing);
  const step = useSim((s) => s.snapshot?.step ?? 0);
  const ended = useSim((s) => !!s.snapshot?.outcome);
  const a = store.getState();
  const c = params.controls;
  if (c.size === 0) return null;
  return (
    <div className={styles.controls} role="toolbar" aria-label="Playback">
      <Transport
        show={c}
        playing={playing}
        ended={ended}
        atStart={step === 0}
        onRestart={() => a.restart()}
        onBack={() => (a.pause(), a.back())}
        onPlay={() => a.play()}
        onPause={() => a.pause()}
        onStep={() => (a.pause(), a.step())}
      />
      {c.has('scrub') && <Scrubber />}
      <span className={styles.step}>step {step}</span>
    </div>
  );
}

/**
 * "Open in Interleave": the app, at this moment of this run (the program as edited here, the
 * seed, the schedule so far and the step), worked out again whenever the run stops moving;
 * until then, and if the link would be too long, the scenario's own page.
 */
function OpenInApp({ scenario }: { readonly scenario: Scenario }) {
  const store = useSimStore();
  const step = useSim((s) => (s.playing ? -1 : (s.snapshot?.step ?? 0)));
  const source = useSim((s) => s.source);
  const plain = `./${scenario.id === CUSTOM_ID ? '' : `?scenario=${scenario.id}`}`;
  const [href, setHref] = useState(plain);
  useEffect(() => {
    if (step < 0) return;
    let live = true;
    const s = store.getState();
    momentLink(s, scenario, s.history().schedule(), step, '').then(
      (link) => live && setHref(link),
      () => live && setHref(plain),
    );
    return () => {
      live = false;
    };
  }, [store, scenario, step, source, plain]);
  return (
    <a href={href} target="_blank" rel="noopener">
      Open in Interleave
    </a>
  );
}

/** Interleave inside someone else's page: minimal chrome, driven by URL and postMessage. */
export function Embed() {
  const params = useMemo(() => parseEmbedParams(window.location.search), []);
  const initial =
    scenarioById(params.scenario) ??
    (params.program ? customScenario(params.program) : DEFAULT_SCENARIO);
  const [loaded, setLoaded] = useState<{ scenario: Scenario; seed: number; n: number }>({
    scenario: initial,
    seed: params.seed,
    n: 0,
  });
  useEffect(() => {
    // without a theme in the link, the reader's own setting, as the app does
    document.documentElement.dataset.theme =
      params.theme ??
      (window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark');
  }, [params.theme]);
  const onLoad = useMemo(
    () => (s: Scenario, seed: number | null) =>
      setLoaded((l) => ({ scenario: s, seed: seed ?? l.seed, n: l.n + 1 })),
    [],
  );
  const { scenario, seed, n } = loaded;
  // a scenario the catalogue does not have (a typo in the host page, an older or newer link)
  const unknown =
    n === 0 && params.scenario && !scenarioById(params.scenario) ? params.scenario : null;
  const trustOrigin = useRef<string | null>(params.origin);
  const greeted = useRef(false);
  const trust = useMemo<Trust>(() => ({ origin: trustOrigin, greeted }), []);
  return (
    <SimProvider
      key={n}
      source={scenario.source}
      seed={seed}
      race={scenario.expected.race ?? false}
    >
      <Bridge trust={trust} onLoad={onLoad} />
      <Start params={params} />
      <main className={styles.embed}>
        <header className={styles.head}>
          <h1 className={styles.title}>{scenario.title}</h1>
          <OpenInApp scenario={scenario} />
        </header>
        {unknown && (
          <p className={styles.notice} role="status">
            No program “{unknown}” in the catalogue: showing “{DEFAULT_SCENARIO.title}”.
          </p>
        )}
        <div className={styles.main}>
          <div className={styles.left}>
            <div className={styles.code}>
              {params.editable ? <CodeArea scenario={scenario} /> : <CodePanel />}
            </div>
            <div className={styles.output}>
              <Console />
            </div>
          </div>
          <div className={styles.stage}>
            <Lanes />
            <LockView />
            <VarsView />
            <MapView />
          </div>
        </div>
        <EmbedControls params={params} />
      </main>
    </SimProvider>
  );
}

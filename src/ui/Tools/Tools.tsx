import { useRef, useState } from 'react';
import type { Scenario } from '../../scenarios/catalogue';
import { useSim, useSimStore } from '../Sim/SimContext';
import { crashOf, timelineImage } from '../Timeline/Timeline';
import { momentLink } from './momentLink';
import styles from './Tools.module.css';

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Share the exact moment, and export the run. */
export function Tools({ scenario }: { readonly scenario: Scenario }) {
  const store = useSimStore();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const ready = useSim((s) => s.program !== null);

  const share = async () => {
    const s = store.getState();
    try {
      setLink(await momentLink(s, scenario, s.history().schedule(), s.snapshot?.step ?? 0));
      setError(null);
    } catch (e) {
      setLink(null);
      setError(e instanceof Error ? e.message : String(e));
    }
    setCopied(false);
    dialog.current?.showModal();
  };

  const exportRun = () => {
    const s = store.getState();
    const h = s.history();
    const run = {
      format: 'interleave-run',
      version: 1,
      program: s.source,
      seed: s.seed,
      race: s.race,
      schedule: h.schedule(),
      steps: s.snapshot?.step ?? 0,
      outcome: s.snapshot?.outcome ?? null,
      stdout: s.snapshot?.stdout ?? '',
      stderr: s.snapshot?.stderr ?? '',
      events: h.events.flatMap((evs, i) => evs.map((e) => ({ step: i + 1, ...e }))),
    };
    download(
      `interleave-${scenario.id}-seed${s.seed}.json`,
      new Blob([JSON.stringify(run, null, 2)], { type: 'application/json' }),
    );
  };

  const exportImage = () => {
    const s = store.getState();
    const step = s.snapshot?.step ?? 0;
    const total = Math.max(s.total, step);
    const outcome = s.snapshot?.outcome ?? null;
    const ending = outcome
      ? outcome.first || `exit status ${outcome.code}`
      : `at step ${step} of ${total}`;
    const c = timelineImage(
      document.documentElement,
      s.history(),
      step,
      total,
      crashOf(outcome),
      scenario.title,
      `Interleave · seed ${s.seed}${s.race ? ' · -race' : ''} · ${total} steps · ${ending}`,
    );
    c.toBlob((b) => b && download(`interleave-${scenario.id}-timeline.png`, b), 'image/png');
  };

  return (
    <div className={styles.tools} role="group" aria-label="Share and export">
      <button
        type="button"
        onClick={() => void share()}
        disabled={!ready}
        title="A link to this moment of this run"
      >
        Share
      </button>
      <button
        type="button"
        onClick={exportRun}
        disabled={!ready}
        title="The run as JSON: program, seed, schedule and every event"
      >
        Export JSON
      </button>
      <button
        type="button"
        onClick={exportImage}
        disabled={!ready}
        title="The timeline as a PNG image, with the program's name and how the run ended"
      >
        Export PNG
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby="share-title">
        <h2 id="share-title">Share this moment</h2>
        {link ? (
          <>
            <p>Anyone opening this link sees this program, seed and schedule, at this step.</p>
            <input
              className={styles.link}
              readOnly
              value={link}
              aria-label="Link"
              onFocus={(e) => e.target.select()}
            />
            <p className={styles.size}>{(link.length / 1024).toFixed(1)} KB</p>
          </>
        ) : (
          <p role="alert">{error}</p>
        )}
        <div className={styles.row}>
          {link && (
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard
                  ?.writeText(link)
                  .then(() => setCopied(true))
                  .catch(() => setCopied(false));
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          )}
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </dialog>
    </div>
  );
}

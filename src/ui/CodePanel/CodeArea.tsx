import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../scenarios/catalogue';
import { useSim, useSimStore } from '../Sim/SimContext';
import { Tools } from '../Tools/Tools';
import { CodePanel } from './CodePanel';
import { forgetEdit, saveEdit } from './edits';
import styles from './CodeArea.module.css';

const CodeEditor = lazy(() => import('../Editor/CodeEditor'));

/** The program: read-only with goroutine markers, or editable (work is kept per scenario). */
export function CodeArea({ scenario }: { readonly scenario: Scenario }) {
  const store = useSimStore();
  const source = useSim((s) => s.source);
  const [editing, setEditing] = useState(false);
  const [editorKey, setEditorKey] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // the text as typed, before the store has it: the header must not change under the pointer
  // when a click on "Stop editing" takes the edit (a button that moves loses the click)
  const [draft, setDraft] = useState<string | null>(null);
  const edited = (draft ?? source) !== scenario.source;
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const pending = useRef<string | null>(null);
  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = pending.current;
    pending.current = null;
    if (text !== null) store.getState().load(text);
  };
  const onChange = (text: string) => {
    saveEdit(scenario.id, text);
    setDraft(text);
    if (timer.current) clearTimeout(timer.current);
    pending.current = text;
    // recompile when the learner pauses typing; errors show inline meanwhile
    timer.current = setTimeout(flush, 400);
  };

  return (
    <section className={styles.area} aria-label="Program">
      <header className={styles.head}>
        <h2 className={styles.title}>
          main.go{edited && <span className={styles.edited}> (edited)</span>}
        </h2>
        <button type="button" onClick={() => setEditing(!editing)} aria-pressed={editing}>
          {editing ? 'Stop editing' : 'Edit code'}
        </button>
        {edited && (
          <button
            type="button"
            onClick={() => {
              forgetEdit(scenario.id);
              setDraft(null);
              store.getState().load(scenario.source);
              setEditorKey(editorKey + 1);
            }}
          >
            Reset to original
          </button>
        )}
        <Tools scenario={scenario} />
      </header>
      {/* leaving the editor (to press Play, Explore…) takes the edit at once, not 400 ms later */}
      <div className={styles.body} onBlur={flush}>
        {editing ? (
          <Suspense fallback={<p className={styles.loading}>Loading the editor…</p>}>
            <CodeEditor key={editorKey} source={source} onChange={onChange} />
          </Suspense>
        ) : (
          <CodePanel />
        )}
      </div>
    </section>
  );
}

/**
 * The program, editable: CodeMirror 6 with the same Go grammar the engine parses with,
 * the engine's errors inline at line and column while typing, and the line of the step just
 * taken highlighted. Loaded only when the learner chooses to edit.
 */
import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  LRLanguage,
  bracketMatching,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { linter, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { parser } from '../../engine/lang/goParser';
import { compileGo } from '../../engine';
import { useSim, useSimStore } from '../Sim/SimContext';
import styles from './CodeEditor.module.css';

const go = LRLanguage.define({
  name: 'go',
  parser,
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
});

const setStepLine = StateEffect.define<number>();
const stepLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects)
      if (e.is(setStepLine)) {
        const n = e.value;
        if (n < 1 || n > tr.state.doc.lines) return Decoration.none;
        return Decoration.set([
          Decoration.line({ class: 'cm-stepLine' }).range(tr.state.doc.line(n).from),
        ]);
      }
    return deco.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** The engine's compile errors as CodeMirror diagnostics. */
function goLinter(view: EditorView): CmDiagnostic[] {
  const doc = view.state.doc;
  const c = compileGo(doc.toString());
  const list = c.ok ? c.program.vet : c.diagnostics;
  return list.map((d) => {
    const line = doc.line(Math.min(Math.max(1, d.pos.line), doc.lines));
    const from = Math.min(line.from + Math.max(0, d.pos.col - 1), line.to);
    const word = /^[\w.]+/.exec(doc.sliceString(from, line.to))?.[0].length ?? 1;
    return {
      from,
      to: Math.min(line.to, from + Math.max(1, word)),
      severity: c.ok ? 'warning' : 'error',
      message: `${d.pos.line}:${d.pos.col}: ${d.msg}`,
      source: c.ok ? 'go vet' : 'go',
    };
  });
}

export default function CodeEditor({
  source,
  onChange,
}: {
  readonly source: string;
  readonly onChange: (text: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);
  const store = useSimStore();
  const step = useSim((s) => s.snapshot?.step ?? 0);

  useEffect(() => {
    if (!host.current) return;
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      history(),
      indentOnInput(),
      bracketMatching(),
      go,
      syntaxHighlighting(classHighlighter),
      lintGutter(),
      linter(goLinter, { delay: 250 }),
      stepLine,
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorState.tabSize.of(4),
      EditorView.contentAttributes.of({ 'aria-label': 'Go source (editable)' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) changed.current(u.state.doc.toString());
      }),
    ];
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({ doc: source, extensions }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // the editor owns its text after creation; `source` seeds it once
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const line = step > 0 ? (store.getState().history().steps[step - 1]?.line ?? 0) : 0;
    v.dispatch({ effects: setStepLine.of(line) });
  }, [step, store]);

  return <div ref={host} className={styles.editor} />;
}

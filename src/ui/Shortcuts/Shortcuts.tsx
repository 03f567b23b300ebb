import { useEffect, useRef } from 'react';
import styles from './Shortcuts.module.css';

const KEYS: readonly [string, string][] = [
  ['Space', 'Play / Pause'],
  ['→ or PageDown', 'Step one sub-step'],
  ['Shift + →', 'Step one statement'],
  ['← or PageUp', 'Step back'],
  ['R', 'Restart'],
  ['+ / −', 'Faster / slower'],
  ['1 – 9', 'Run that runnable goroutine next'],
  ['?', 'This list'],
];

export function Shortcuts({
  open,
  onClose,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className={styles.dialog} onClose={onClose} aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {KEYS.map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}

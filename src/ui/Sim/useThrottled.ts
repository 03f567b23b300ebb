import { useEffect, useRef, useState } from 'react';

/**
 * The value, but updated at most every `ms` while it keeps changing (the last change always
 * lands): expensive views such as the timeline redraw a few times a second, not per frame.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const now = performance.now();
    const wait = Math.max(0, last.current + ms - now);
    const t = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}

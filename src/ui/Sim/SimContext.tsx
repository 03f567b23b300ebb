import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import {
  createSimStore,
  type SimActions,
  type SimProps,
  type SimState,
  type SimStore,
} from '../../store/simStore';
import { startRunLoop } from '../../store/runLoop';

const SimContext = createContext<SimStore | null>(null);

/**
 * One store per mounted simulator, created from its props (zustand's "initialize with
 * props"), or handed in by a parent that drives several (side-by-side mode).
 */
export function SimProvider({
  children,
  store: given,
  ...props
}: SimProps & { readonly children: ReactNode; readonly store?: SimStore }) {
  const [store] = useState(() => given ?? createSimStore(props));
  useEffect(() => (given ? undefined : startRunLoop(store)), [store, given]);
  return <SimContext.Provider value={store}>{children}</SimContext.Provider>;
}

export function useSimStore(): SimStore {
  const s = useContext(SimContext);
  if (!s) throw new Error('useSim outside SimProvider');
  return s;
}

export function useSim<T>(selector: (s: SimState & SimActions) => T): T {
  return useStore(useSimStore(), selector);
}

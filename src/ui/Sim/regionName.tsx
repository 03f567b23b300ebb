import { createContext, useContext } from 'react';

/** Prefixes landmark names when two simulators share a page, so every region stays unique. */
export const RegionPrefix = createContext('');

export function useRegionName(name: string): string {
  const prefix = useContext(RegionPrefix);
  return prefix ? `${prefix}: ${name}` : name;
}

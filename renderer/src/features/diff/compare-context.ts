import { createContext, useContext } from 'react';

/** Opens the open delivery's comparison with another delivery (by id), from anywhere in its detail. */
export const CompareContext = createContext<((otherId: number) => void) | null>(null);

export function useCompareWith(): ((otherId: number) => void) | null {
  return useContext(CompareContext);
}

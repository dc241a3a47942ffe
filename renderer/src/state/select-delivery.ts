import { createContext, useContext } from 'react';

/** Selects a delivery by id (the app's selection), for links between attempts of one event. */
export const SelectDeliveryContext = createContext<((id: number) => void) | null>(null);

export function useSelectDelivery(): ((id: number) => void) | null {
  return useContext(SelectDeliveryContext);
}

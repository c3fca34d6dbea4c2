import { createContext, useContext } from 'react';

export interface NodeLive { entered: number; active: number; waiting: number; completed: number; conversions: number }

/** Live counts per node for the read-only run canvas (entered, in progress, waiting, attributed conversions). */
export const LiveCountsContext = createContext<Record<string, NodeLive>>({});

export const useNodeLive = (id: string): NodeLive | undefined => useContext(LiveCountsContext)[id];

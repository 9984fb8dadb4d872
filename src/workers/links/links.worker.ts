/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { openCandidate, type Candidate, type Origin } from '../../core/classBoard/board';

/**
 * Share links opened off the page for the class board: a lecture hall's paste is hundreds of
 * links, each inflated, checksummed and validated, which on the page would hold it for seconds.
 */
const api = {
  ready: () => true,
  open: (found: readonly { text: string; from: Origin }[]): Candidate[] => found.map((f) => openCandidate(f.text, f.from)),
};
export type LinksWorkerApi = typeof api;
Comlink.expose(api);

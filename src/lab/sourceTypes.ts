import type { Source } from '../core/config/experiment';
import type { ModelInfo } from '../core/models/source';
import type { Msg } from '../core/messages';
import type { ByteProgress, CachedModel } from '../platform/modelFiles';

// The source store's shapes, apart from the store so its action modules can name them without an import cycle.

export interface ExternalSource {
  status: 'idle' | 'downloading' | 'checking' | 'ready' | 'error';
  progress: ByteProgress;
  /** Why the latest attempt failed. A failed attempt never unloads the model loaded before it. */
  error: Msg | null;
  fromCache: boolean;
  /** Set when the model works but could not be stored for offline use: the badge must not claim it. */
  cacheError: Msg | null;
  /** The model the engine holds under this key, if any: what training will use. */
  loaded: { info: ModelInfo; name: string } | null;
}

export interface SourceState {
  sources: Record<string, ExternalSource>;
  /** Hosted models whose files are in Cache Storage (usable offline). */
  cached: Record<string, boolean>;
  /** Every model in Cache Storage, with its size, for the "stored on this device" list. */
  cacheList: CachedModel[];
  checkCached(): Promise<void>;
  removeCached(url: string): Promise<void>;
  /** Downloads (or reads from the cache), validates and, unless `select` is false, selects a hosted model. */
  loadHosted(id: string, options?: { select?: boolean }): Promise<void>;
  loadCustomUrl(url: string, options?: { select?: boolean }): Promise<void>;
  /** Loads (and, unless `select` is false, selects) a model from the user's files. */
  loadCustomFiles(files: readonly File[], options?: { select?: boolean }): Promise<void>;
  /** The files of the own model last loaded from disk (saved with the experiment; they never leave the device). */
  localFiles: readonly File[] | null;
  /** The source that selects the own model the engine holds (its name, and its address if it came from one), or null. */
  customSource: Extract<Source, { kind: 'custom' }> | null;
  /** Stops the download in flight for `key`; the model loaded before stays. */
  cancel(key: string): void;
}

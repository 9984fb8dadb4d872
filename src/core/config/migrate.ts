import { CONFIG_VERSION, parseConfig, type ExperimentConfig } from './experiment';
import { msg, type Msg } from '../messages';

/**
 * Configs in links and files outlive the schema that wrote them. Each entry lifts a config of
 * version n to n + 1; a stored or shared config is migrated step by step to the current version
 * before the current schema validates it. (None yet: version 1 is the first. The test in
 * migrate.test.ts proves the path with a synthetic version 2.)
 */
export type Migration = (config: Record<string, unknown>) => Record<string, unknown>;
export const CONFIG_MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationFailure =
  { code: 'not-a-config' } | { code: 'newer-version'; version: number } | { code: 'no-migration'; version: number };

export function migrateConfig(
  raw: unknown,
  { migrations = CONFIG_MIGRATIONS, current = CONFIG_VERSION }: { migrations?: Readonly<Record<number, Migration>>; current?: number } = {},
): { ok: true; config: Record<string, unknown> } | { ok: false; failure: MigrationFailure } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, failure: { code: 'not-a-config' } };
  let config = raw as Record<string, unknown>;
  const stated = config.version;
  if (typeof stated !== 'number' || !Number.isInteger(stated) || stated < 1) return { ok: false, failure: { code: 'not-a-config' } };
  let version: number = stated;
  if (version > current) return { ok: false, failure: { code: 'newer-version', version } };
  while (version < current) {
    const step = migrations[version];
    if (!step) return { ok: false, failure: { code: 'no-migration', version } };
    config = step(config);
    if (config.version !== version + 1) return { ok: false, failure: { code: 'no-migration', version } };
    version += 1;
  }
  return { ok: true, config };
}

export interface OpenOptions {
  migrations?: Readonly<Record<number, Migration>>;
  current?: number;
  parse?: (raw: unknown) => ReturnType<typeof parseConfig>;
}

/**
 * A config from outside (a link, a bundle, storage): migrated to the current version, then
 * validated — the one way any stored or shared config becomes an ExperimentConfig.
 */
export function openConfig(
  raw: unknown,
  options: OpenOptions = {},
): { ok: true; config: ExperimentConfig } | { ok: false; code: 'newer-version' | 'invalid-config'; detail: Msg } {
  const migrated = migrateConfig(raw, options);
  if (!migrated.ok)
    return {
      ok: false,
      code: migrated.failure.code === 'newer-version' ? 'newer-version' : 'invalid-config',
      detail: msg('msg.detail', migrated.failure.code),
    };
  const parsed = (options.parse ?? parseConfig)(migrated.config);
  return parsed.ok ? parsed : { ok: false, code: 'invalid-config', detail: parsed.error };
}

import type { BackendInfo } from '../../workers/engine/api';

/**
 * What the page remembers about this device's engine between visits, in localStorage: the
 * backend calibration (validated by the worker before use) and whether starting wasm's threads
 * hung a worker here. Storage may be refused (private mode): then each visit finds out again.
 */
const CALIBRATION_KEY = 'transfer-lab:backend-calibration';
const SINGLE_THREAD_KEY = 'transfer-lab:wasm-single-thread';

export function storedCalibration(): unknown {
  try {
    const text = localStorage.getItem(CALIBRATION_KEY);
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // storage refused or not JSON: measure again
  }
}

export function storeCalibration(info: BackendInfo): BackendInfo {
  try {
    if (info.measured) localStorage.setItem(CALIBRATION_KEY, JSON.stringify(info.calibration));
  } catch {
    /* not stored: the next visit measures again */
  }
  return info;
}

export function storedSingleThread(): boolean {
  try {
    return localStorage.getItem(SINGLE_THREAD_KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberSingleThread(): void {
  try {
    localStorage.setItem(SINGLE_THREAD_KEY, '1');
  } catch {
    /* not remembered: a later visit may hang once more, and recover the same way */
  }
}

import { describe, expect, it } from 'vitest';
import { captureFileName, centreSquare } from './webcam';
import { cameraErrorMessage } from '../../ui/cameraError';
import { webcamEn as w } from '../../i18n/webcam.en';

const domError = (name: string, message = '') => new DOMException(message, name);

describe('cameraErrorMessage', () => {
  it.each([
    ['NotAllowedError', w.denied],
    ['SecurityError', w.denied],
    ['PermissionDeniedError', w.denied],
    ['NotFoundError', w.noCamera],
    ['OverconstrainedError', w.noCamera],
    ['DevicesNotFoundError', w.noCamera],
    ['NotReadableError', w.inUse],
    ['TrackStartError', w.inUse],
  ])('%s → its message', (name, message) => {
    expect(cameraErrorMessage(domError(name))).toBe(message);
  });

  it('says the browser wording for anything else', () => {
    expect(cameraErrorMessage(domError('AbortError', 'Timeout starting video source'))).toBe(w.other('Timeout starting video source'));
    expect(cameraErrorMessage(new TypeError('bad constraints'))).toBe(w.other('bad constraints'));
    expect(cameraErrorMessage(domError('AbortError'))).toBe(w.other('AbortError'));
    expect(cameraErrorMessage('weird')).toBe(w.other('weird'));
    expect(cameraErrorMessage(undefined)).toBe(w.other('undefined'));
  });

  it('matches on the name alone (the spec defines the cases by name), whatever the object', () => {
    expect(cameraErrorMessage({ name: 'NotAllowedError', message: 'denied' })).toBe(w.denied);
  });
});

describe('centreSquare', () => {
  it('crops the centre of landscape and portrait frames', () => {
    expect(centreSquare(640, 480)).toEqual({ x: 80, y: 0, size: 480 });
    expect(centreSquare(480, 640)).toEqual({ x: 0, y: 80, size: 480 });
  });
  it('keeps a square frame whole and floors odd margins to whole pixels', () => {
    expect(centreSquare(300, 300)).toEqual({ x: 0, y: 0, size: 300 });
    expect(centreSquare(641, 480)).toEqual({ x: 80, y: 0, size: 480 });
  });
});

describe('captureFileName', () => {
  it('names frames by class and number', () => {
    expect(captureFileName('cat', 3)).toBe('webcam-cat-3.jpg');
  });
  it('replaces spaces and characters that read as folders, so the name is never taken as a path', () => {
    expect(captureFileName(' Class 1 ', 1)).toBe('webcam-Class_1-1.jpg');
    expect(captureFileName('a/b\\c:d', 2)).toBe('webcam-a_b_c_d-2.jpg');
    expect(captureFileName('  ', 4)).toBe('webcam-class-4.jpg');
  });
});

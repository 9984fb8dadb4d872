import type { ViewId } from '../core/views';

/** Setup steps of the sidebar, in the order a user walks them. */
export const SETUP_STEPS = ['presets', 'source', 'target', 'augment', 'training'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** The workspace around the panels: run bar, setup steps, analysis views, the device popover, the first-visit path. */
export const workspaceEn: {
  runBar: string;
  shortcut: string;
  shortcutTitle: string;
  idle: string;
  ready: string;
  running: string;
  startingEngine: string;
  paused: string;
  finished: string;
  epochOf: (epoch: number, total: number) => string;
  seedOf: (i: number, total: number) => string;
  steps: string;
  stepNames: Record<SetupStep, string>;
  views: string;
  viewNames: Record<ViewId, string>;
  viewHints: Record<ViewId, string>;
  closeView: string;
  device: string;
  deviceTitle: string;
  start: {
    title: string;
    steps: [string, string, string];
    dismiss: string;
  };
  showSettings: string;
  hideSettings: string;
  engine: {
    restarting: string;
    back: string;
    gaveUp: string;
    retry: string;
    dismiss: string;
  };
  offline: {
    make: string;
    hint: string;
    sizing: string;
    progress: (done: string, total: string) => string;
    done: (total: string) => string;
    megabytes: (mb: number) => string;
  };
} = {
  runBar: 'Run',
  shortcut: 'Ctrl+Enter',
  shortcutTitle: 'Train, pause or resume from anywhere: Ctrl+Enter (⌘+Enter on a Mac)',
  idle: 'Ready when the source model is loaded',
  ready: 'Ready: press Train to watch transfer and from-scratch learn side by side',
  running: 'Training',
  startingEngine: 'Starting the engine (the first visit downloads it)…',
  paused: 'Paused',
  finished: 'Done: read the verdict and the curves',
  epochOf: (epoch, total) => `epoch ${epoch} of ${total}`,
  seedOf: (i, total) => `seed ${i} of ${total}`,
  steps: 'Set-up steps',
  stepNames: { presets: 'Presets', source: 'Source', target: 'Target & bias', augment: 'Augment', training: 'Train settings' },
  views: 'Analysis views',
  viewNames: { inside: 'Look inside', combine: 'Choose & combine', share: 'Share & saved', board: 'Class board', explain: 'Explain' },
  viewHints: {
    inside: 'Feature space, confusion, mistakes and saliency of the finished runs',
    combine: 'Rank the sources before training; fuse kept runs by voting, stacking or soups',
    share: 'Links, QR codes, bundles, saved experiments and exports',
    board: 'A class link, and every student’s result in one view',
    explain: 'What each measure and method means',
  },
  closeView: 'Close the view',
  device: 'This device',
  deviceTitle: 'Which backends this device trains and embeds on, and privacy',
  start: {
    title: 'Start here',
    steps: ['Press Train, or pick a preset', 'Watch the two curves: transfer and from scratch', 'Read the verdict and what it means'],
    dismiss: 'Got it',
  },
  engine: {
    restarting: 'Starting a fresh engine…',
    back: 'The new engine is ready: nothing you set up was lost.',
    gaveUp:
      'The training engine could not start in this browser (three attempts in a row). Your settings and images are kept; try again, or reload the page.',
    retry: 'Try again',
    dismiss: 'Dismiss',
  },
  showSettings: 'Show the settings',
  hideSettings: 'Hide the settings',
  offline: {
    make: 'Make available offline',
    hint: 'The first visit stores the app and the default experiment. This stores every built-in dataset and zoo model too, so every preset runs without a network.',
    sizing: 'Finding out how much to store…',
    progress: (done, total) => `${done} of ${total} stored`,
    done: (total) => `Every built-in dataset and model is on this device (${total}).`,
    megabytes: (mb) => `${mb.toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`,
  },
};

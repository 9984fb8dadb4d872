/**
 * User-facing strings of classes: the class link, the student's seat and the class board. Kept
 * apart like uploads.en.ts so a translation can mirror this object key for key.
 */
export const classBoardEn = {
  title: 'Class board',
  intro:
    'Every student runs this experiment on a seed of their own and sends you their result link; the board shows the whole class at once. Nothing goes through a server: links carry everything.',
  // The class link
  classLinkTitle: 'Class link',
  classLinkHint: 'Each student who opens it runs the experiment on screen now, on a seed of their own (one seed each).',
  makeClassLink: 'Make class link',
  classLinkLabel: 'Class link',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copying failed: select the link and copy it by hand.',
  qrLabel: (what: string) => `QR code of the ${what}`,
  // The student's seat
  joinTitle: 'You joined a class',
  joinIntro: 'Your class runs this experiment, each student on their own seed. Type your name or a nickname to get yours.',
  nicknameLabel: 'Name or nickname',
  nicknamePlaceholder: 'e.g. Ana',
  takeSeed: 'Get my seed',
  randomSeed: 'Random seed instead',
  yourSeed: (seed: number, nickname: string | null) => (nickname ? `${nickname}, your seed is ${seed}.` : `Your seed is ${seed} (random).`),
  thenTrain: 'Now press Train. When it has finished, make your result link and send it to your instructor.',
  makeResultLink: 'Make my result link',
  resultLinkLabel: 'Your result link',
  resultLinkHint: 'It carries the experiment, your seed, your results and your nickname — nothing else.',
  notYetFinished: 'Train first: the result link carries your finished results.',
  changedExperiment:
    'The settings have changed since you joined: this is no longer the class’s experiment, so a result link would not count on the board.',
  leave: 'Leave the class',
  openedResult: (student: string | null) =>
    student ? `This is ${student}’s class result.` : 'This is a student’s class result (random seed).',
  // Adding results
  addTitle: 'Add results',
  pasteLabel: 'Paste result links (one per line, or mixed with other text)',
  pastePlaceholder: 'https://…#x=v1.…',
  add: 'Add',
  chooseFiles: 'Choose files… (text files of links, result bundles)',
  dropHint: 'or drop them here',
  scan: 'Scan QR codes with the webcam',
  scanEnded: 'The camera stopped (disconnected, or taken by another app): stop scanning and start again.',
  stopScan: 'Stop scanning',
  scanning: 'Hold a student’s QR code up to the camera…',
  scanned: (n: number) => `${n} code${n === 1 ? '' : 's'} read`,
  adding: (done: number, total: number) => `Opening ${done} of ${total}…`,
  outcome: (added: number, refused: number) =>
    `${added} student${added === 1 ? '' : 's'} added${refused ? `, ${refused} not added (see below)` : ''}.`,
  noLinks: 'No result links found in that text.',
  clear: 'Clear the board',
  clearConfirm: 'Remove every student and every listed reason from the board?',
  remove: 'Remove',
  // What the board shows
  empty: 'No results yet. Paste the links your students sent, choose their files, or scan their QR codes.',
  experiment: (source: string, target: string, epochs: number) => `${source} → ${target}, ${epochs} epoch${epochs === 1 ? '' : 's'}`,
  students: (n: number) => `${n} student${n === 1 ? '' : 's'}`,
  ntgTitle: 'Transfer gap per student (NTG = scratch − transfer, points)',
  ntgHint: 'Each dot is one student. Left of zero: transfer helped; right of zero: negative transfer.',
  meanCi: (mean: string, lo: string, hi: string) => `Class mean ${mean} points, 95% CI ${lo} to ${hi}`,
  meanOnly: (mean: string) => `Class mean ${mean} points (one student: no interval yet)`,
  verdict: {
    positive: (mean: string, lo: string, hi: string, n: number) =>
      `Transfer helped this class: it beats scratch by ${mean} points (95% CI ${lo} to ${hi}) over ${n} students.`,
    negative: (mean: string, lo: string, hi: string, n: number) =>
      `Negative transfer for this class: scratch beats transfer by ${mean} points (95% CI ${lo} to ${hi}) over ${n} students.`,
    inconclusive: (mean: string, lo: string, hi: string, n: number) =>
      `No clear difference for this class: transfer − scratch is ${mean} points (95% CI ${lo} to ${hi}) over ${n} students.`,
    single: (mean: string) => `One student so far: transfer − scratch is ${mean} points. More students give a confidence interval.`,
  },
  negative: (n: number, of: number) => `${n} of ${of} student${of === 1 ? '' : 's'} saw negative transfer.`,
  outliers: (names: string) => `Unusual results (beyond 1.5 interquartile ranges): ${names}.`,
  noOutliers: 'No unusual results.',
  scatterTitle: 'Final accuracy per student: transfer vs scratch',
  scatterHint: 'Above the diagonal, transfer ended ahead of scratch.',
  curvesTitle: 'Every student’s curves: range (band) and mean',
  curvesHint: 'Point at a student (a dot or a row) to draw their own curves.',
  finalsDotsTitle: 'Final validation accuracy per student, for each run (the bar: the class mean)',
  finalsTitle: 'Final validation accuracy (mean, 95% CI)',
  vsPreset: (preset: string) => `Compared with the “${preset}” preset’s calibration`,
  presetRange: (metric: string, lo: string, hi: string, seeds: number) => `calibrated ${metric}: ${lo} to ${hi} over ${seeds} seeds`,
  presetInside: (inside: number, of: number) => `${inside} of ${of} students inside that range`,
  presetAgrees: 'The class’s verdict agrees with the preset’s claim.',
  presetDisagrees: 'The class’s verdict does not (yet) agree with the preset’s claim: more students narrow the interval.',
  metricGain: 'gain (transfer − scratch)',
  metricNtg: 'NTG (scratch − transfer)',
  tableTitle: 'Students',
  col: { student: 'Student', seed: 'Seed', ntg: 'NTG', outlier: 'Unusual' },
  showAll: (n: number) => `Show all ${n}`,
  refusedTitle: (n: number) => `Not added (${n})`,
  refusedCol: { from: 'From', who: 'Student', reason: 'Why' },
  origin: {
    line: (n: number) => `pasted, line ${n}`,
    qr: 'QR code',
    fileLine: (file: string, n: number) => `${file}, line ${n}`,
  },
  reasons: {
    'other-experiment': 'another experiment (its settings differ from this board’s)',
    'duplicate-seed': 'this seed is already on the board',
    'no-results': 'the link carries no finished results (was it made before training?)',
    'board-full': 'the board is full (500 students)',
    'no-links': 'no result links in this file',
    'file-too-large': 'the file is too large to be a result',
    unreadable: 'the file could not be read',
  } as Record<string, string>,
  csv: 'CSV (one row per student)',
  csvTitle: 'Every student’s seed, final accuracies and NTG, as a spreadsheet',
};

export type ClassBoardMessages = typeof classBoardEn;

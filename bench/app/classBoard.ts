/** The class board taking a whole lecture hall's links at once: 200 result links pasted, opened and drawn. */
import type { Page } from '@playwright/test';
import { DEFAULT_CONFIG } from '../../src/core/config/experiment';
import { makeShareText, shareUrl } from '../../src/core/share/link';
import { studentResults } from '../../src/core/testing/studentResults';
import { listed, longestOf, now, POLL, tasksSince } from './longTasks';

const STUDENTS = 200;

/** A student's finished default experiment (ten epochs, transfer and scratch), as their result link carries it. */
function resultLink(i: number): string {
  const config = { ...DEFAULT_CONFIG, seeds: 1, seed: 1000 + i };
  const results = studentResults(10, 0.7 + ((i * 37) % 25) / 100, 0.5 + ((i * 53) % 35) / 100);
  return shareUrl('http://127.0.0.1:4174/', makeShareText(config, results, { kind: 'result', student: `student ${i + 1}` }));
}

/** From Add to 200 students drawn on the board, timed in the page, with the long tasks meanwhile. */
export async function classBoard200(app: Page) {
  await app.getByTestId('view-tab-board').click();
  await app.getByTestId('board-paste').fill(Array.from({ length: STUDENTS }, (_, i) => resultLink(i)).join('\n'));
  const t0 = await now(app);
  // A string, not a function: tsx names nested functions with a helper the page does not have.
  const ms = await app.evaluate<number>(`new Promise((resolve) => {
    const start = performance.now();
    const poll = () => {
      const board = document.querySelector('[data-testid="class-board"]');
      // Drawn: the count is committed and every student's dot is on the chart.
      if (board?.getAttribute('data-students') === '${STUDENTS}' && document.querySelectorAll('[data-testid="board-dot"]').length === ${STUDENTS})
        requestAnimationFrame(() => resolve(performance.now() - start));
      else requestAnimationFrame(poll);
    };
    document.querySelector('[data-testid="board-add-links"]').click();
    requestAnimationFrame(poll);
  })`);
  await app.waitForFunction(() => document.querySelector('[data-testid="board-status"]')?.textContent?.includes('200'), null, POLL);
  const tasks = await tasksSince(app, t0);
  console.log(`  class board, ${STUDENTS} links: ${ms.toFixed(0)} ms; long tasks ${listed(tasks)}`);
  return { class_board_200_links_ms: ms, class_board_200_longest_task_ms: longestOf(tasks) };
}

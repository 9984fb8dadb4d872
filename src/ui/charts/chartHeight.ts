import { createContext, useContext } from 'react';

/** Whether charts fill the screen: the app provides lecture mode's flag (ui/ knows no store). */
export const ChartsFillScreen = createContext(false);

/** Charts fill the screen in lecture mode: about 68% of the viewport's height, never less than their usual height. */
export function useChartHeight(base: number): number {
  const fill = useContext(ChartsFillScreen);
  return fill ? Math.max(base, Math.round((typeof innerHeight === 'number' ? innerHeight : 900) * 0.68)) : base;
}

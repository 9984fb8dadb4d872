import { useLectureStore } from '../../lab/lectureStore';

/** Charts fill the screen in lecture mode: about 68% of the viewport's height, never less than their usual height. */
export function useChartHeight(base: number): number {
  const lecture = useLectureStore((s) => s.active);
  return lecture ? Math.max(base, Math.round((typeof innerHeight === 'number' ? innerHeight : 900) * 0.68)) : base;
}

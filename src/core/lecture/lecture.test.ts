import { describe, expect, it } from 'vitest';
import { isLocked, isShown, lectureQuery, LESSONS, parseLectureParams } from './lecture';

describe('lecture links', () => {
  it('only=train,chart shows the two controls and the panels that hold them, nothing else', () => {
    const { params } = parseLectureParams('?only=train,chart');
    expect(params.active).toBe(true);
    expect(['train', 'chart', 'training', 'results'].every((id) => isShown(params, id as never))).toBe(true);
    expect(
      [
        'training-settings',
        'results-details',
        'source',
        'target',
        'augment',
        'presets',
        'share',
        'fusion',
        'selection',
        'explain',
        'featuremap',
        'experiments',
      ].some((id) => isShown(params, id as never)),
    ).toBe(false);
  });

  it('hide hides a panel and what it holds; lock locks it; unknown names are reported and the rest still applies', () => {
    const { params, problems } = parseLectureParams('?hide=training,nonsense&lock=results');
    expect(isShown(params, 'training')).toBe(false);
    expect(isShown(params, 'train')).toBe(false);
    expect(isShown(params, 'source')).toBe(true);
    expect(isLocked(params, 'chart')).toBe(true);
    expect(isLocked(params, 'source')).toBe(false);
    expect(problems).toEqual([{ param: 'hide', detail: 'nonsense' }]);
  });

  it('single settings: only=epochs keeps the panels around it and none of its siblings; hide=seeds leaves the others', () => {
    const only = parseLectureParams('?only=epochs').params;
    expect(['epochs', 'training-settings', 'training'].every((id) => isShown(only, id as never))).toBe(true);
    expect(
      ['strategy', 'learning-rate', 'seeds', 'scratch-baseline', 'train', 'sweep', 'bias'].some((id) => isShown(only, id as never)),
    ).toBe(false);
    // A knob alone leaves the rest of its panel out: with only=bias, nobody switches the data set.
    const bias = parseLectureParams('?only=bias').params;
    expect(['bias', 'target'].every((id) => isShown(bias, id as never))).toBe(true);
    expect(['target-choice', 'domain-gap', 'training'].some((id) => isShown(bias, id as never))).toBe(false);
    const hide = parseLectureParams('?hide=seeds,bias&lock=strategy').params;
    expect(isShown(hide, 'seeds') || isShown(hide, 'bias')).toBe(false);
    expect(['epochs', 'training-settings', 'target', 'domain-gap'].every((id) => isShown(hide, id as never))).toBe(true);
    expect([isLocked(hide, 'strategy'), isLocked(hide, 'epochs')]).toEqual([true, false]);
  });

  it('a lesson by id or as a list of presets, at a step (clamped), round-trips through its query', () => {
    const byId = parseLectureParams('?lesson=three-challenges&step=3').params;
    expect(byId.lesson).toEqual({ id: 'three-challenges', steps: [...LESSONS['three-challenges']] });
    expect(byId.step).toBe(2);
    expect(parseLectureParams(lectureQuery(byId)).params).toEqual(byId);
    const custom = parseLectureParams('?lesson=fusion,positive&step=9').params;
    expect(custom.lesson).toEqual({ id: null, steps: ['fusion', 'positive'] });
    expect(custom.step).toBe(1);
    expect(lectureQuery(custom)).toBe('?lecture=1&lesson=fusion,positive&step=2');
  });

  it('bad values are refused one by one, never thrown', () => {
    const { params, problems } = parseLectureParams('?lesson=<script>&step=-4&lock=source');
    expect(params.lesson).toBeNull();
    expect(params.step).toBe(0);
    expect(params.lock).toEqual(['source']);
    expect(problems.map((p) => p.param)).toEqual(['lesson', 'step']);
    expect(parseLectureParams('').params.active).toBe(false);
  });
});

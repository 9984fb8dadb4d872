import { classNamesZh, hostedZh, targetsZh, zooZh } from './catalog.zh';

/** Chinese text for the built-in catalogue, by id (English comes with the data itself). */
export const catalogZh = { zoo: zooZh, targets: targetsZh, hosted: hostedZh, classNames: classNamesZh };

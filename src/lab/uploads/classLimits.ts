/** How many images a class needs and how many classes an upload set may have. */

/** A stratified split needs one image per class on each side. */
export const MIN_IMAGES_PER_CLASS = 2;
/** Datasets such as CUB-200 or Food-101 have 100–200 classes; beyond this a class is refused. */
export const MAX_CLASSES = 1000;

/** Ids for upload classes, images and messages: one counter, so no two are ever alike. */
let nextId = 0;
export const newId = (prefix: string) => `${prefix}${++nextId}`;

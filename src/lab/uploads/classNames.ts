import type { UploadClass } from './uploadTypes';

/** The form two class names are compared in. */
export const classNameKey = (name: string) => name.trim().toLocaleLowerCase();
/** Case-insensitive: "Cat" and "cat" as two classes is almost always a mistake. */
export const findByName = (classes: readonly UploadClass[], name: string) =>
  classes.find((c) => classNameKey(c.name) === classNameKey(name));

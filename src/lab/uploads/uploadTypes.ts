/** The shapes of the user's uploaded images, as the upload store holds them and as storage keeps them. */
import type { Msg } from '../../core/messages';

export interface UploadImage {
  id: string;
  name: string;
  /** side × side × 3, uint8 RGB, row-major: for the 32×32 zoo. */
  pixels: Uint8Array;
  /** LARGE_SIDE² × 3, for photo sources (MobileNet at 224); null in stores made without it. */
  pixelsLarge: Uint8Array | null;
  /** Object URL owned by the store; revoked when the image leaves it. */
  thumbnailUrl: string;
  /** SHA-256 of the file bytes, for duplicate detection across the whole upload set. */
  hash: string;
}

export interface UploadClass {
  id: string;
  name: string;
  images: UploadImage[];
}

export interface UploadMessage {
  id: string;
  /** The file (or drop path) the problem is about; '' for problems with class names. */
  file: string;
  /** What went wrong, as a message code (its sentence includes the file name). */
  text: Msg;
}

export interface UploadFile {
  file: File;
  /** Path inside a folder drop or `webkitdirectory` pick; the parent folder names the class. */
  path?: string;
}

/** An upload class as storage keeps it: names, hashes and pixel bytes (no object URLs). */
export interface StoredClass {
  name: string;
  images: { name: string; hash: string; pixels: Uint8Array; pixelsLarge: Uint8Array | null }[];
}

export interface UploadState {
  /** Side of the stored square images (model input size). */
  readonly side: number;
  classes: UploadClass[];
  messages: UploadMessage[];
  /** Files decoded / queued across all running addFiles calls; both 0 when idle. */
  progress: { done: number; total: number };
  /** Returns the new class id, or null (with a message) if the name is empty or taken. */
  addClass: (name?: string) => string | null;
  /** Returns false (with a message) if the name is empty or taken by another class. */
  renameClass: (id: string, name: string) => boolean;
  deleteClass: (id: string) => void;
  removeImage: (classId: string, imageId: string) => void;
  /**
   * Decode and add files. A file whose path has a parent folder goes to the class of that name
   * (created if needed); other files go to `targetClassId`. Bad files each get one message.
   */
  addFiles: (files: readonly UploadFile[], targetClassId?: string) => Promise<void>;
  /** Drop handler convenience: call synchronously in the drop event (see filesFromDrop). */
  addDrop: (dataTransfer: DataTransfer, targetClassId?: string) => Promise<void>;
  dismissMessage: (id: string) => void;
  clearMessages: () => void;
  /** Replaces every class with stored ones (validated by the caller), thumbnails redrawn from their pixels. */
  restore: (classes: readonly StoredClass[]) => Promise<void>;
}

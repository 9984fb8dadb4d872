/** A decoded picture, oriented as its EXIF says, from either decoder. */
export interface Picture {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

/**
 * WebCodecs' ImageDecoder reads the bytes where they are (4× faster than createImageBitmap of a
 * Blob for a small JPEG) and, drawn, honours the EXIF orientation as createImageBitmap's
 * `from-image` does. Where it is missing or does not know the type, createImageBitmap decodes.
 */
export async function decodePicture(bytes: Uint8Array<ArrayBuffer>, type: string, legacyBlob: Blob | null): Promise<Picture> {
  if (!legacyBlob && typeof ImageDecoder !== 'undefined' && (await ImageDecoder.isTypeSupported(type))) {
    const decoder = new ImageDecoder({ data: bytes, type });
    try {
      const { image } = await decoder.decode();
      return { source: image, width: image.displayWidth, height: image.displayHeight, close: () => image.close() };
    } finally {
      decoder.close();
    }
  }
  const bitmap = await createImageBitmap(legacyBlob ?? new Blob([bytes], { type }), { imageOrientation: 'from-image' });
  return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
}

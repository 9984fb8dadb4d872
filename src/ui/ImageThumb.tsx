import { useEffect, useRef } from 'react';
import type { ImageSet } from '../core/data/imageSet';
import { imageSize } from '../core/data/imageSet';

/** Draws image `index` of a uint8 ImageSet, pixelated, at the given CSS size. */
export function ImageThumb({
  set,
  index,
  size = 48,
  title,
  testId,
}: {
  set: ImageSet;
  index: number;
  size?: number;
  title?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(set.width, set.height);
    const px = set.pixels.subarray(index * imageSize(set), (index + 1) * imageSize(set));
    for (let i = 0; i < set.width * set.height; i++) {
      for (let c = 0; c < 3; c++) img.data[i * 4 + c] = px[i * set.channels + (set.channels === 1 ? 0 : c)];
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [set, index]);
  return (
    <canvas
      ref={ref}
      width={set.width}
      height={set.height}
      className="thumb"
      style={{ width: size, height: size }}
      title={title}
      data-testid={testId}
    />
  );
}

import { ui } from '../../i18n';
import { ImageThumb } from '../../ui/ImageThumb';
import { PREVIEW_DRAWS, type AugmentPreviewResult } from './useAugmentPreview';

/** The preview: one row per image, one thumbnail per augmented draw, and how long it took. */
export function AugmentPreviewGrid({ preview }: { preview: AugmentPreviewResult }) {
  return (
    <div className="augment-preview" data-testid="augment-preview" data-version={preview.version}>
      {Array.from({ length: preview.set.labels.length / PREVIEW_DRAWS }, (_, i) => (
        <div key={i} className="preview-row">
          {Array.from({ length: PREVIEW_DRAWS }, (_, d) => (
            <ImageThumb key={d} set={preview.set} index={i * PREVIEW_DRAWS + d} size={40} />
          ))}
        </div>
      ))}
      <span className="muted small" data-testid="augment-preview-ms">
        {ui.augment.updated(preview.ms)}
      </span>
    </div>
  );
}

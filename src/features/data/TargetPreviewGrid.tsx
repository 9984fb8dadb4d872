import type { TargetPreview } from '../../workers/engine/api';
import { className, ui } from '../../i18n';
import { ImageThumb } from '../../ui/ImageThumb';

/** The seeded split's counts and a few training images per class, label-noise victims marked. */
export function TargetPreviewGrid({ preview, pct, seed }: { preview: TargetPreview; pct: number; seed: number }) {
  return (
    <>
      <p className="small" data-testid="split-summary">
        {ui.target.split(preview.counts.train, preview.counts.val, pct, seed)}
        {preview.counts.blend > 0 && ui.target.blend(preview.counts.blend)}
      </p>
      <div className="preview-grid">
        {preview.set.classNames.map(className).map((name, c) => (
          <div key={name} className="preview-row">
            <span className="preview-class">{name}</span>
            {Array.from(preview.set.labels.entries())
              .filter(([, l]) => l === c)
              .map(([i]) =>
                preview.noisy[i] ? (
                  <span key={i} className="noisy-thumb" data-testid="noisy-thumb">
                    <ImageThumb
                      set={preview.set}
                      index={i}
                      size={28}
                      title={ui.bias.noisyTitle(name, className(preview.set.classNames[preview.trueLabels[i]]))}
                    />
                  </span>
                ) : (
                  <ImageThumb key={i} set={preview.set} index={i} size={28} />
                ),
              )}
          </div>
        ))}
      </div>
    </>
  );
}

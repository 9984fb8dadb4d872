import type { ImageSet } from '../../core/data/imageSet';
import type { RunResult } from '../../core/train/events';
import { ui } from '../../i18n';
import { ImageThumb } from '../../ui/ImageThumb';

const r = ui.results;

interface Props {
  misclassified: RunResult['misclassified'];
  valImages: ImageSet | null;
  classNames: readonly string[];
  openSaliency: (index: number) => Promise<void>;
}

/** The first validation images the model gets wrong; clicking one opens its saliency. */
export function MisclassifiedFigure({ misclassified, valImages, classNames, openSaliency }: Props) {
  return (
    <figure>
      <figcaption>
        {r.misclassified} ({misclassified.length})
      </figcaption>
      {misclassified.length === 0 ? (
        <p className="muted small">{r.noMistakes}</p>
      ) : (
        <div className="gallery" data-testid="misclassified">
          {valImages &&
            misclassified.slice(0, 60).map((m) => (
              <button
                key={m.index}
                className="gallery-item"
                data-testid="misclassified-item"
                data-index={m.index}
                title={ui.saliency.clickHint}
                onClick={() => void openSaliency(m.index)}
              >
                <ImageThumb set={valImages} index={m.index} size={40} title={`${classNames[m.actual]} → ${classNames[m.predicted]}`} />
                <span className="small">
                  {classNames[m.actual]}→<strong>{classNames[m.predicted]}</strong>
                </span>
              </button>
            ))}
        </div>
      )}
    </figure>
  );
}

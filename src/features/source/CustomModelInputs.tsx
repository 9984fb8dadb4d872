import type { DragEvent } from 'react';
import { ui } from '../../i18n';

const t = ui.source;

interface Props {
  url: string;
  setUrl: (url: string) => void;
  /** Files are being dragged over the drop zone. */
  over: boolean;
  setOver: (over: boolean) => void;
  loadCustomUrl: (url: string) => Promise<void>;
  loadCustomFiles: (files: readonly File[]) => Promise<void>;
}

/** The user's own model: a model.json address, or its files chosen or dropped. */
export function CustomModelInputs({ url, setUrl, over, setOver, loadCustomUrl, loadCustomFiles }: Props) {
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void loadCustomFiles(Array.from(e.dataTransfer.files));
  };
  return (
    <>
      {/* noValidate: our message for a bad address is more specific than the browser's bubble. */}
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void loadCustomUrl(url);
        }}
      >
        <input
          type="url"
          placeholder="https://…/model.json"
          aria-label={t.customUrl}
          data-testid="custom-url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button className="button small" type="submit" disabled={!url.trim()}>
          {t.load}
        </button>
      </form>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        data-testid="model-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label className="button small">
          {t.chooseFiles}
          <input
            type="file"
            hidden
            multiple
            accept=".json,.bin,.zip,application/json,application/octet-stream,application/zip"
            data-testid="model-files-input"
            onChange={(e) => {
              void loadCustomFiles(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </label>{' '}
        <span className="small muted">{t.dropModel}</span>
      </div>
    </>
  );
}

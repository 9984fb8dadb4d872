import { useState, type DragEvent } from 'react';
import { useUploadStore, trainingBlocker } from '../../state/uploads/uploadStore';

/**
 * The user's own classes: add / rename / delete, per-class file picker, drag-and-drop of files
 * or of a folder of class folders, thumbnails with remove buttons, and one message per bad file.
 */
export function UploadPanel() {
  const { classes, messages, progress, addClass, renameClass, deleteClass, removeImage, addFiles, addDrop, dismissMessage, clearMessages } = useUploadStore();
  const [over, setOver] = useState<string | null>(null);
  const blocker = trainingBlocker(classes);

  const onDrop = (e: DragEvent, classId?: string) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(null);
    // Must run synchronously inside the handler: the browser empties dataTransfer afterwards.
    void addDrop(e.dataTransfer, classId);
  };
  const dragProps = (key: string, classId?: string) => ({
    onDragOver: (e: DragEvent) => {
      e.preventDefault();
      e.stopPropagation();
      setOver(key);
    },
    onDragLeave: () => setOver(null),
    onDrop: (e: DragEvent) => onDrop(e, classId),
  });

  return (
    <div className="upload" data-testid="upload-panel">
      <div className={`dropzone${over === 'root' ? ' over' : ''}`} data-testid="dropzone" {...dragProps('root')}>
        Drop images or a folder of class folders here (e.g. <code>pets/cat/*.jpg</code>, <code>pets/dog/*.jpg</code>).
        <label className="button small">
          Choose a folder…
          <input
            type="file"
            hidden
            data-testid="folder-input"
            webkitdirectory=""
            multiple
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              void addFiles(files.map((file) => ({ file, path: file.webkitRelativePath || file.name })));
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {progress.total > 0 && (
        <p className="small muted" data-testid="upload-progress">
          Decoding {progress.done} / {progress.total}…
        </p>
      )}
      {messages.length > 0 && (
        <ul className="messages" data-testid="upload-messages" role="alert">
          {messages.map((m) => (
            <li key={m.id} data-testid="upload-message">
              <span>{m.text}</span>
              <button className="link" aria-label="Dismiss" onClick={() => dismissMessage(m.id)}>
                ×
              </button>
            </li>
          ))}
          {messages.length > 1 && (
            <li>
              <button className="link" onClick={clearMessages}>
                Dismiss all
              </button>
            </li>
          )}
        </ul>
      )}
      {classes.map((c) => (
        <div key={c.id} className={`upload-class${over === c.id ? ' over' : ''}`} data-testid="upload-class" {...dragProps(c.id, c.id)}>
          <div className="upload-class-head">
            <input
              className="class-name"
              aria-label="Class name"
              data-testid="class-name"
              defaultValue={c.name}
              onBlur={(e) => {
                if (!renameClass(c.id, e.target.value)) e.target.value = c.name;
              }}
            />
            <span className="muted small" data-testid="class-count">
              {c.images.length} images
            </span>
            <label className="button small">
              Add images…
              <input
                type="file"
                hidden
                multiple
                accept="image/*"
                data-testid="class-file-input"
                onChange={(e) => {
                  void addFiles(Array.from(e.target.files ?? []).map((file) => ({ file })), c.id);
                  e.target.value = '';
                }}
              />
            </label>
            <button className="link danger" onClick={() => deleteClass(c.id)} aria-label={`Delete class ${c.name}`}>
              Delete
            </button>
          </div>
          <div className="thumbs">
            {c.images.map((img) => (
              <figure key={img.id} className="thumb-wrap" title={img.name}>
                <img src={img.thumbnailUrl} alt={img.name} className="thumb" width={40} height={40} />
                <button className="thumb-remove" aria-label={`Remove ${img.name}`} onClick={() => removeImage(c.id, img.id)}>
                  ×
                </button>
              </figure>
            ))}
          </div>
        </div>
      ))}
      <button className="button small" data-testid="add-class" onClick={() => addClass()}>
        + Add class
      </button>
      {blocker && (
        <p className="small muted" data-testid="upload-blocker">
          {blocker}
        </p>
      )}
    </div>
  );
}

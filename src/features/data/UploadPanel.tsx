import { memo, useDeferredValue, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useUploadStore, trainingBlocker, type UploadClass } from '../../lab/uploads/uploadStore';
import { render, tWebcam, ui } from '../../i18n';
import { WebcamCapture } from './WebcamCapture';

const u = ui.upload;

/** Drag-over highlighting and the drop itself, for the root drop zone and for each class. */
function dragHandlers(key: string, setOver: (key: string | null) => void, drop: (e: DragEvent) => void) {
  return {
    onDragOver: (e: DragEvent) => {
      e.preventDefault();
      e.stopPropagation();
      setOver(key);
    },
    onDragLeave: () => setOver(null),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      e.stopPropagation();
      setOver(null);
      // Must run synchronously inside the handler: the browser empties dataTransfer afterwards.
      drop(e);
    },
  };
}

/**
 * The user's own classes: add / rename / delete, per-class file picker, drag-and-drop of files
 * or of a folder of class folders, webcam capture into a class, thumbnails with remove buttons,
 * and one message per bad file.
 */
export function UploadPanel() {
  const { messages, progress, addClass, addFiles, addDrop, dismissMessage, clearMessages } = useUploadStore(
    useShallow((s) => ({
      messages: s.messages,
      progress: s.progress,
      addClass: s.addClass,
      addFiles: s.addFiles,
      addDrop: s.addDrop,
      dismissMessage: s.dismissMessage,
      clearMessages: s.clearMessages,
    })),
  );
  // The classes as a deferred value: while a folder arrives, each commit of new images is drawn in
  // a render React can interrupt (new thumbnails are built between the page's other work), not in
  // the commit's own task, where it made tasks of 50–80 ms on 2 cores busy decoding.
  const classes = useDeferredValue(useUploadStore((s) => s.classes));
  const [over, setOver] = useState<string | null>(null);
  /** The class the webcam is capturing into; one at a time, since there is one camera. */
  const [webcamFor, setWebcamFor] = useState<string | null>(null);
  const blocker = trainingBlocker(classes);

  return (
    // The whole panel takes a dropped folder (class rows take their own drops first): a drop that
    // misses the dashed zone by a few pixels should not silently do nothing.
    <div className="upload" data-testid="upload-panel" {...dragHandlers('root', setOver, (e) => void addDrop(e.dataTransfer))}>
      <div className={`dropzone${over === 'root' ? ' over' : ''}`} data-testid="dropzone">
        {u.dropHint}
        <label className="button small">
          {u.chooseFolder}
          <input
            type="file"
            hidden
            data-testid="folder-input"
            webkitdirectory=""
            multiple
            onChange={(e) => {
              // The store sorts by path: the browser's order is arbitrary, class order and the split must not be.
              void addFiles(Array.from(e.target.files ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name })));
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {progress.total > 0 && (
        <p className="small muted" data-testid="upload-progress">
          {u.decoding(progress.done, progress.total)}
        </p>
      )}
      {messages.length > 0 && (
        <ul className="messages" data-testid="upload-messages" role="alert">
          {messages.map((m) => (
            <li key={m.id} data-testid="upload-message">
              <span>{render(m.text)}</span>
              <button className="link" aria-label={u.dismiss} onClick={() => dismissMessage(m.id)}>
                ×
              </button>
            </li>
          ))}
          {messages.length > 1 && (
            <li>
              <button className="link" onClick={clearMessages}>
                {u.dismissAll}
              </button>
            </li>
          )}
        </ul>
      )}
      {classes.map((c) => (
        <ClassRow key={c.id} c={c} over={over === c.id} webcamOpen={webcamFor === c.id} setOver={setOver} setWebcamFor={setWebcamFor} />
      ))}
      <button className="button small" data-testid="add-class" onClick={() => addClass()}>
        {u.addClass}
      </button>
      {blocker && (
        <p className="small muted" data-testid="upload-blocker">
          {render(blocker)}
        </p>
      )}
    </div>
  );
}

/**
 * One class: name, count, pickers, webcam and thumbnails. Memoised: adding images to one class
 * re-renders that row only, so an upload costs the same with 6 classes or 300.
 */
const ClassRow = memo(function ClassRow({
  c,
  over,
  webcamOpen,
  setOver,
  setWebcamFor,
}: {
  c: UploadClass;
  over: boolean;
  webcamOpen: boolean;
  setOver: (key: string | null) => void;
  setWebcamFor: (id: string | null) => void;
}) {
  const { renameClass, deleteClass, removeImage, addFiles, addDrop } = useUploadStore(
    useShallow((s) => ({
      renameClass: s.renameClass,
      deleteClass: s.deleteClass,
      removeImage: s.removeImage,
      addFiles: s.addFiles,
      addDrop: s.addDrop,
    })),
  );
  const drag = dragHandlers(c.id, setOver, (e) => void addDrop(e.dataTransfer, c.id));
  return (
    <div key={c.id} className={`upload-class${over ? ' over' : ''}`} data-testid="upload-class" {...drag}>
      <div className="upload-class-head">
        <input
          className="class-name"
          aria-label={u.className}
          data-testid="class-name"
          defaultValue={c.name}
          onBlur={(e) => {
            if (!renameClass(c.id, e.target.value)) e.target.value = c.name;
          }}
        />
        <span className="muted small" data-testid="class-count">
          {u.images(c.images.length)}
        </span>
        <label className="button small">
          {u.addImages}
          <input
            type="file"
            hidden
            multiple
            accept="image/*"
            data-testid="class-file-input"
            onChange={(e) => {
              void addFiles(
                Array.from(e.target.files ?? []).map((file) => ({ file })),
                c.id,
              );
              e.target.value = '';
            }}
          />
        </label>
        <button
          className="button small"
          data-testid="webcam-open"
          aria-label={tWebcam.openLabel(c.name)}
          aria-pressed={webcamOpen}
          onClick={() => setWebcamFor(webcamOpen ? null : c.id)}
        >
          {tWebcam.open}
        </button>
        <button className="link danger" onClick={() => deleteClass(c.id)} aria-label={u.deleteClassLabel(c.name)}>
          {u.deleteClass}
        </button>
      </div>
      {webcamOpen && (
        <WebcamCapture classId={c.id} className={c.name} firstIndex={c.images.length + 1} onClose={() => setWebcamFor(null)} />
      )}
      <div className="thumbs">
        {c.images.map((img) => (
          <Thumb key={img.id} classId={c.id} image={img} removeImage={removeImage} />
        ))}
      </div>
    </div>
  );
});

/**
 * One thumbnail with its remove button. Memoised: while a folder arrives, a class re-renders for
 * every batch of new images, and its hundreds of earlier thumbnails must not be rebuilt each time.
 */
const Thumb = memo(function Thumb({
  classId,
  image,
  removeImage,
}: {
  classId: string;
  image: UploadClass['images'][number];
  removeImage: (classId: string, imageId: string) => void;
}) {
  return (
    <figure className="thumb-wrap" title={image.name}>
      <img src={image.thumbnailUrl} alt={image.name} className="thumb" width={40} height={40} />
      <button className="thumb-remove" aria-label={u.removeImage(image.name)} onClick={() => removeImage(classId, image.id)}>
        ×
      </button>
    </figure>
  );
});

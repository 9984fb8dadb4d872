/** Saves `data` as a file through a temporary object URL (nothing leaves the device). */
export function download(name: string, data: string | Uint8Array<ArrayBuffer> | Blob, type: string): void {
  // A Blob is taken as it is: wrapping one made elsewhere (a worker's zip) would copy all its bytes here.
  const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

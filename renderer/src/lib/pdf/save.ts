// Saving a document: the desktop shell saves through its own dialog (an injected `onSave`); a
// browser gets a download. The blob is typed octet-stream, so the browser can only save it,
// never open the untrusted PDF in its own viewer from here.

export type SaveDocument = (bytes: Uint8Array, fileName: string) => Promise<unknown> | void;

export function downloadBytes(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `onSave` in the desktop shell (window.hookscope present), a download otherwise. */
export async function saveDocument(bytes: Uint8Array, fileName: string, onSave?: SaveDocument): Promise<'saved' | 'downloaded'> {
  if (window.hookscope && onSave) {
    await onSave(bytes, fileName);
    return 'saved';
  }
  downloadBytes(bytes, fileName);
  return 'downloaded';
}

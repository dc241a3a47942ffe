// Saving a document: the desktop shell saves through its own dialog (an injected `onSave`); a
// browser gets a download. The blob is typed octet-stream, so the browser can only save it,
// never open the untrusted PDF in its own viewer from here.

import { saveFile } from '../save-file.js';

export type SaveDocument = (bytes: Uint8Array, fileName: string) => Promise<unknown> | void;

/** `onSave` in the desktop shell (window.hookscope present), a download otherwise. */
export async function saveDocument(bytes: Uint8Array, fileName: string, onSave?: SaveDocument): Promise<'saved' | 'downloaded'> {
  if (window.hookscope && onSave) {
    await onSave(bytes, fileName);
    return 'saved';
  }
  saveFile(bytes.slice(), fileName);
  return 'downloaded';
}

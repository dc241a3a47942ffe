// Where the documents preview gets its bytes: the desktop shell's bridge (`documents.content`,
// base64) when `window.hookscope` exists, as the API client decides, else the HTTP API's raw
// `GET /api/documents/:id` with the page's session cookie.
import type { HookscopeClient } from '../../api/client.js';
import { base64ToBytes } from '../../lib/base64.js';
import { httpDocumentLoader, type LoadDocumentBytes } from '../../lib/pdf/document-bytes.js';

export function ipcDocumentLoader(client: HookscopeClient): LoadDocumentBytes {
  return async (id) => {
    const content = await client.invoke('documents.content', { id });
    return base64ToBytes(content.body);
  };
}

export function documentLoaderFor(client: HookscopeClient): LoadDocumentBytes {
  return window.hookscope ? ipcDocumentLoader(client) : httpDocumentLoader();
}

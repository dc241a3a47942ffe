// Documents: files a payload points to (fetched on arrival, SSRF-guarded) or carries itself.
export {
  fetchDocument,
  classifyDocument,
  type DocumentClassifier,
  type DocumentVerdict,
  defaultArchiveLimits,
  type ArchiveError,
  type ArchiveErrorCode,
  type FetchDocumentOptions,
  type FetchDocumentResult,
  type ResolvedAddress,
  type Resolver,
} from './fetch-document.js';
export { classifyAddress, refusedClass, type AddressClass, type AddressPolicy } from './address-guard.js';
export { countPdfPages, isPdf, isHtml, storageError, snippetOf, type StorageError } from './pdf-inspect.js';
export { pdfFromBody, multipartParts, type BodyPdf } from './pdf-from-body.js';
export { DocumentQueue, defaultDocumentQueueLimits, type DocumentFetch, type DocumentQueueLimits } from './document-queue.js';

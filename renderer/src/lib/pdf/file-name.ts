// The name a document is saved under. The source URL is the sender's, so its last segment is
// only a suggestion: anything a file system could read as a path or a device is replaced.

const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;

export function documentFileName(doc: { id: number; sourceUrl: string | null }): string {
  const fallback = `hookscope-document-${doc.id}.pdf`;
  if (!doc.sourceUrl) return fallback;
  let segment: string;
  try {
    const { pathname } = new URL(doc.sourceUrl);
    segment = decodeURIComponent(pathname.split('/').filter(Boolean).pop() ?? '');
  } catch {
    return fallback;
  }
  const cleaned = segment.replace(UNSAFE, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 120);
  if (!cleaned) return fallback;
  return /\.pdf$/i.test(cleaned) ? cleaned : `${cleaned}.pdf`;
}

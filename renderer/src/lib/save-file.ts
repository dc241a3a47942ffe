/**
 * Saves data as a file in the browser: a blob URL and a temporary <a download>. Untrusted bytes
 * (a captured body, a PDF) keep the default octet-stream type, so the browser can only save them,
 * never render a captured page or open a viewer from here. The URL is revoked once the download
 * has surely started.
 */
export function saveFile(data: BlobPart, filename: string, mediaType = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([data], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

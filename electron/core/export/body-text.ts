/** The body as text when it is valid UTF-8 (a BOM kept), else null: such bodies travel as base64. */
export function utf8Text(body: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
}

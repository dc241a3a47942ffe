const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Classic hexdump: offset, 16 bytes in two groups of 8, printable ASCII (others as ".").
 * Only the first `limit` bytes are dumped: a text node of megabytes would stall the page.
 */
export function hexdump(bytes: Uint8Array, limit = 64 * 1024): string {
  const end = Math.min(bytes.length, limit);
  const lines: string[] = [];
  for (let offset = 0; offset < end; offset += 16) {
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i += 1) {
      const at = offset + i;
      if (i === 8) hex += ' ';
      if (at < end) {
        const byte = bytes[at]!;
        hex += `${HEX[byte]} `;
        ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
      } else {
        hex += '   ';
      }
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return lines.join('\n');
}

// Page sizes in PDF points (1/72 in), as millimetres and a paper name when one fits.

const MM_PER_PT = 25.4 / 72;

const PAPERS: { name: string; w: number; h: number }[] = [
  { name: 'A3', w: 841.89, h: 1190.55 },
  { name: 'A4', w: 595.28, h: 841.89 },
  { name: 'A5', w: 419.53, h: 595.28 },
  { name: 'US Letter', w: 612, h: 792 },
  { name: 'US Legal', w: 612, h: 1008 },
  { name: 'Tabloid', w: 792, h: 1224 },
];

export function paperName(widthPt: number, heightPt: number): string | null {
  const [short, long] = widthPt <= heightPt ? [widthPt, heightPt] : [heightPt, widthPt];
  const paper = PAPERS.find((p) => Math.abs(p.w - short) < 2 && Math.abs(p.h - long) < 2);
  if (!paper) return null;
  return widthPt > heightPt ? `${paper.name} landscape` : paper.name;
}

const round = (n: number, digits: number) => {
  const text = n.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
};

/** e.g. "612 × 792 pt · 215.9 × 279.4 mm (US Letter)". */
export function formatPageSize(widthPt: number, heightPt: number): string {
  const paper = paperName(widthPt, heightPt);
  const pt = `${round(widthPt, 2)} × ${round(heightPt, 2)} pt`;
  const mm = `${round(widthPt * MM_PER_PT, 1)} × ${round(heightPt * MM_PER_PT, 1)} mm`;
  return `${pt} · ${mm}${paper ? ` (${paper})` : ''}`;
}

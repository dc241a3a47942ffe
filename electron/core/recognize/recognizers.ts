// The providers Hookscope recognises: the catalogue's recognition entries
// (electron/core/providers/), in the catalogue's order. tests/unit/recognize shows what each must produce.
export { recognizers } from '../providers/index.js';

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The corpus of real files written by other tools: `shared/` beside the repository (as CI lays it out). */
export const CORPUS_DIR = [join(root, '..', 'shared', 'corpus'), '/work/shared/corpus'].find((dir) => existsSync(dir)) ?? join(root, '..', 'shared', 'corpus');

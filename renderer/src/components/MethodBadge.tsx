import { methodClass } from '../lib/format.js';
import './method-badge.css';

export function MethodBadge({ method }: { method: string }) {
  return <span className={`method-badge ${methodClass(method)}`}>{method}</span>;
}

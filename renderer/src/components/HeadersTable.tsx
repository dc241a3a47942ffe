import type { HeaderPair } from '../../../electron/contract/index.js';

/** Headers exactly as they crossed the wire: order, case and duplicates kept. */
export function HeadersTable({ headers, testId }: { headers: HeaderPair[]; testId: string }) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="headers-table" data-testid={testId}>
      <thead>
        <tr>
          <th className="col-index">#</th>
          <th className="col-name">Name</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={index}>
            <td className="col-index muted">{index + 1}</td>
            <td className="col-name mono">{name}</td>
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

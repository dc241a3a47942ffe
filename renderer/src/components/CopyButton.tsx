import { useEffect, useState, type MouseEvent } from 'react';
import './copy-button.css';

export function CopyButton({ text, label = 'Copy', testId }: { text: string; label?: string; testId?: string }) {
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (result === 'idle') return;
    const timer = setTimeout(() => setResult('idle'), 1500);
    return () => clearTimeout(timer);
  }, [result]);

  const copy = (event: MouseEvent) => {
    // Copy buttons sit inside clickable rows; copying must not also select the row.
    event.stopPropagation();
    navigator.clipboard.writeText(text).then(
      () => setResult('copied'),
      () => setResult('failed'),
    );
  };

  return (
    <button type="button" className={`copy-button ${result}`} onClick={copy} title={`Copy ${text}`} data-testid={testId}>
      {result === 'copied' ? 'Copied' : result === 'failed' ? 'Copy failed' : label}
    </button>
  );
}

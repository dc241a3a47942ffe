import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { rawFileName } from '../../lib/body.js';
import { saveFile } from '../../lib/save-file.js';
import { useClient } from '../../state/client-context.js';
import './detail.css';

/**
 * Fetches the raw bytes with the token and saves them through a blob URL. The blob is retyped
 * as octet-stream (saveFile's default) so the browser can only save it, never render a captured
 * HTML page here.
 */
export function DownloadRawButton({ id, contentType }: { id: number; contentType: string | null }) {
  const client = useClient();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const download = () => {
    setState({ busy: true, error: null });
    client.rawBody(id).then(
      (blob) => {
        saveFile(blob, rawFileName(id, contentType));
        setState({ busy: false, error: null });
      },
      (failure: unknown) => setState({ busy: false, error: errorMessage(failure) }),
    );
  };

  return (
    <span className="download-raw">
      <button type="button" onClick={download} disabled={state.busy} data-testid="download-raw">
        {state.busy ? 'Downloading…' : 'Download raw'}
      </button>
      {state.error && <span className="error-text">{state.error}</span>}
    </span>
  );
}

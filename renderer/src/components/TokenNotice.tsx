/** Shown instead of the inspector when there is no usable token for the control API. */
export function TokenNotice({ reason }: { reason: 'missing' | 'refused' }) {
  return (
    <main className="token-notice" data-testid="token-notice">
      <h1>Hookscope</h1>
      {reason === 'missing' ? (
        <p>This page needs the access token that <code>hookscope serve</code> prints when it starts.</p>
      ) : (
        <p>The server refused the access token. It changes every time <code>hookscope serve</code> starts unless you pass <code>--token</code>.</p>
      )}
      <p>
        Open the <strong>Inspector</strong> URL from its output; it looks like
      </p>
      <pre className="mono">Inspector: http://127.0.0.1:4401/#token=…</pre>
    </main>
  );
}

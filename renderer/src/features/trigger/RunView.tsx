// One trigger run: the verdict (the rule that failed, what the provider does next) and each
// attempt with the handler's answer. The answers are untrusted: shown as text (React escapes it),
// never as markup.
import type { TriggerAttempt, TriggerRun } from '../../../../electron/contract/index.js';
import { formatDuration } from '../../lib/durations.js';
import './trigger.css';

function Attempt({ attempt }: { attempt: TriggerAttempt }) {
  const answer = attempt.response ? String(attempt.response.status) : (attempt.error?.code ?? 'not sent');
  return (
    <li className={attempt.judgement.ok ? 'trigger-attempt ok' : 'trigger-attempt failed'} data-testid="trigger-attempt">
      <div className="trigger-attempt-head">
        <span className="mono">#{attempt.number}</span>
        {attempt.number > 1 && <span className="muted">{attempt.scheduledDelayMs === 0 ? 'at once' : `after ${formatDuration(attempt.scheduledDelayMs)}`}</span>}
        <span className="mono trigger-answer" data-testid="trigger-attempt-answer">
          {answer}
        </span>
        <span className="muted">{formatDuration(attempt.durationMs)}</span>
        <span>{attempt.judgement.message}</span>
      </div>
      {attempt.response && attempt.response.body !== '' && (
        <pre className="trigger-response mono" data-testid="trigger-response-body">
          {attempt.response.body}
          {attempt.response.truncated ? '\n…' : ''}
        </pre>
      )}
    </li>
  );
}

export function RunView({ run }: { run: TriggerRun }) {
  const met = run.verdict?.met ?? false;
  return (
    <section className="trigger-run" aria-label={`Run of ${run.templateId}`} data-testid="trigger-run">
      <p className={met ? 'trigger-verdict met' : 'trigger-verdict failed'} role="status" data-testid="trigger-verdict" data-met={met}>
        <strong>{met ? 'Met' : 'Not met'}</strong> {run.verdict?.message ?? 'sending…'}
      </p>
      <p className="muted fine">
        {run.method} <span className="mono">{run.url}</span> · {run.signing.note}
      </p>
      <ol className="trigger-attempts">
        {run.attempts.map((attempt) => (
          <Attempt key={attempt.number} attempt={attempt} />
        ))}
      </ol>
    </section>
  );
}

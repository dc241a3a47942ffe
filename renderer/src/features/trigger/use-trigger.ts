// The "Send test event" panel's state: the templates, the template being edited (rendered fresh by
// the core), the endpoint's kept runs, and one send at a time.
import { useCallback, useEffect, useState } from 'react';
import type { MethodArgs, TriggerPreview, TriggerRun, TriggerTemplateInfo } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { useClient } from '../../state/client-context.js';

export type SendArgs = Omit<MethodArgs<'trigger.send'>, 'slug'>;

export function useTrigger(slug: string) {
  const client = useClient();
  const [templates, setTemplates] = useState<TriggerTemplateInfo[]>([]);
  const [preview, setPreview] = useState<TriggerPreview | null>(null);
  const [runs, setRuns] = useState<TriggerRun[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.invoke('trigger.templates', {}).then(
      (result) => live && setTemplates(result.templates),
      (failure: unknown) => live && setError(errorMessage(failure)),
    );
    client.invoke('trigger.runs', { slug }).then(
      (result) => live && setRuns(result.runs),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, slug]);

  /** Renders `id` fresh (new ids and times); the editor then holds its body. */
  const choose = useCallback(
    (id: string) => {
      setError(null);
      client.invoke('trigger.preview', { template: id }).then(setPreview, (failure: unknown) => setError(errorMessage(failure)));
    },
    [client],
  );

  const send = useCallback(
    async (args: SendArgs): Promise<TriggerRun | null> => {
      setBusy(true);
      setError(null);
      try {
        const run = await client.invoke('trigger.send', { slug, ...args });
        setRuns((current) => [run, ...current.filter((r) => r.id !== run.id)].slice(0, 20));
        return run;
      } catch (failure) {
        setError(errorMessage(failure));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [client, slug],
  );

  return { templates, preview, choose, runs, send, busy, error };
}

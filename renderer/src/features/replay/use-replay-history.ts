import { useCallback, useEffect, useState } from 'react';
import type { ReplayAttemptSummary } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { useClient } from '../../state/client-context.js';

const PAGE = 50;

export interface ReplayHistory {
  attempts: ReplayAttemptSummary[];
  nextBefore: number | null;
  error: string | null;
  loadOlder(): void;
  /** Adds an attempt known before its event arrives (the answer to replay.send). */
  add(attempt: ReplayAttemptSummary): void;
}

function merge(list: ReplayAttemptSummary[], more: ReplayAttemptSummary[]): ReplayAttemptSummary[] {
  const byId = new Map(list.map((a) => [a.id, a]));
  for (const attempt of more) byId.set(attempt.id, attempt);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/** A delivery's replay attempts, newest first, kept current from `replay.completed`. */
export function useReplayHistory(deliveryId: number): ReplayHistory {
  const client = useClient();
  const [attempts, setAttempts] = useState<ReplayAttemptSummary[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const reload = () =>
      client.invoke('replay.list', { id: deliveryId, limit: PAGE }).then(
        (page) => {
          if (!current) return;
          setAttempts((list) => merge(list, page.attempts));
          setNextBefore(page.nextBefore);
          setError(null);
        },
        (failure: unknown) => current && setError(errorMessage(failure)),
      );
    const off = client.on((message) => {
      if (message.event === 'replay.completed' && message.data.deliveryId === deliveryId) {
        const attempt = message.data;
        setAttempts((list) => merge(list, [attempt]));
      }
    });
    const offConnection = client.onConnection((state) => state === 'live' && void reload());
    void reload();
    return () => {
      current = false;
      off();
      offConnection();
    };
  }, [client, deliveryId]);

  const loadOlder = useCallback(() => {
    if (nextBefore === null) return;
    client.invoke('replay.list', { id: deliveryId, limit: PAGE, before: nextBefore }).then(
      (page) => {
        setAttempts((list) => merge(list, page.attempts));
        setNextBefore(page.nextBefore);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [client, deliveryId, nextBefore]);

  const add = useCallback((attempt: ReplayAttemptSummary) => setAttempts((list) => merge(list, [attempt])), []);

  return { attempts, nextBefore, error, loadOlder, add };
}

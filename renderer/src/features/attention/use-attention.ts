import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { readPreference, writePreference } from '../../lib/preferences.js';
import { useClient } from '../../state/client-context.js';
import { attentionReducer, decideNotification, parseOptedIn, titleWithUnseen, type NotifyLog } from './attention.js';
import { platformNotifier, type NotifyPermission } from './notifier.js';

const TITLE = 'Hookscope';

export interface NotifyPrefs {
  optedIn: ReadonlySet<string>;
  permission: NotifyPermission;
  /** Turns an endpoint's notifications on (asking for permission first where needed) or off. */
  setOptedIn(slug: string, on: boolean): Promise<void>;
}

/** The endpoints that notify, kept per browser; turning one on asks for permission first. */
export function useNotifyPrefs(): NotifyPrefs {
  const notifier = useMemo(platformNotifier, []);
  const [optedIn, setOptedInSet] = useState<ReadonlySet<string>>(() => readPreference('notify', parseOptedIn) ?? new Set());
  const [permission, setPermission] = useState<NotifyPermission>(() => notifier.permission());

  const setOptedIn = useCallback(
    async (slug: string, on: boolean) => {
      if (on && notifier.permission() !== 'granted') {
        const answer = await notifier.request();
        setPermission(answer);
        if (answer !== 'granted') return;
      }
      setOptedInSet((now) => {
        const next = new Set(now);
        if (on) next.add(slug);
        else next.delete(slug);
        writePreference('notify', JSON.stringify([...next]));
        return next;
      });
    },
    [notifier],
  );
  return { optedIn, permission, setOptedIn };
}

/**
 * The count of deliveries that arrived while the window was hidden or unfocused, in the window
 * title, cleared when the user is back; and a notification for opted-in endpoints meanwhile.
 */
export function useAttention(optedIn: ReadonlySet<string>, onOpen: (id: number) => void): number {
  const client = useClient();
  const notifier = useMemo(platformNotifier, []);
  const [state, dispatch] = useReducer(attentionReducer, undefined, () => ({ away: document.visibilityState === 'hidden', unseen: 0 }));
  // Read inside event handlers, so kept in refs rather than waiting for a render.
  const away = useRef(state.away);
  const log = useRef<NotifyLog>(new Map());
  const latest = useRef({ optedIn, onOpen });
  latest.current = { optedIn, onOpen };

  useEffect(() => {
    const set = (now: boolean) => {
      away.current = now;
      dispatch({ type: now ? 'away' : 'back' });
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') set(true);
      else if (document.hasFocus()) set(false);
    };
    const onBlur = () => set(true);
    const onFocus = () => set(false);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', onFocus);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', onFocus);
    };
  }, []);

  useEffect(
    () =>
      client.on((message) => {
        if (message.event !== 'delivery.stored') return;
        const delivery = message.data;
        dispatch({ type: 'arrived', delivery });
        const decision = decideNotification(delivery, { optedIn: latest.current.optedIn, away: away.current, now: Date.now(), log: log.current });
        log.current = decision.log;
        if (decision.notification) notifier.show(decision.notification, () => latest.current.onOpen(delivery.id));
      }),
    [client, notifier],
  );

  useEffect(() => {
    document.title = titleWithUnseen(TITLE, state.unseen);
  }, [state.unseen]);

  return state.unseen;
}

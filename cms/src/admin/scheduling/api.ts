/**
 * The admin API of scheduled publishing (cms/src/scheduling/admin-routes.ts) for the panel and
 * the list page: load, schedule, cancel; errors come back as the server's message.
 */
import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorMessage } from '../fetch-error';

export interface ScheduledAction {
  id: number;
  contentType: string;
  documentId: string;
  locale: string;
  action: 'publish' | 'unpublish';
  runAt: string;
  status: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  message: string | null;
  createdByName: string | null;
  title: string | null;
}

export interface ScheduleInput {
  contentType: string;
  documentId: string;
  locale: string;
  action: 'publish' | 'unpublish';
  runAt: string;
}

const ROUTE = '/scheduling/actions';
const REFRESH_MS = 15_000;

/** The scheduled actions matching `filter` (all when empty), reloaded on demand. */
export function useScheduledActions(filter: Record<string, string>) {
  const { get, post } = useFetchClient();
  const [actions, setActions] = useState<ScheduledAction[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = new URLSearchParams(filter).toString();

  const reload = useCallback(async () => {
    try {
      const { data } = await get<{ data: ScheduledAction[] }>(query ? `${ROUTE}?${query}` : ROUTE);
      setActions(data.data);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [get, query]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // While something is waiting or running, follow it to its end without a page reload.
  const unfinished = actions?.some((action) => action.status === 'pending' || action.status === 'running') ?? false;
  useEffect(() => {
    if (!unfinished) return undefined;
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [unfinished, reload]);

  const schedule = useCallback(
    async (input: ScheduleInput) => {
      await post(ROUTE, input);
      await reload();
    },
    [post, reload],
  );
  const cancel = useCallback(
    async (id: number) => {
      await post(`${ROUTE}/${id}/cancel`, {});
      await reload();
    },
    [post, reload],
  );
  return { actions, error, reload, schedule, cancel };
}

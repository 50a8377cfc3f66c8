/**
 * The admin API of registrations (cms/src/registration-admin/admin-routes.ts) for the page:
 * the workshop list, one workshop with its registrations, the actions and the CSV download.
 */
import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorMessage } from '../fetch-error';

// The server's own types: type imports only, nothing of the server reaches the admin bundle.
import type { RegistrationState } from '@koper-otok/content-types';
import type { StaffRegistration, WorkshopRegistrations as WorkshopSummary } from '../../registration-admin/overview';

export type { RegistrationState, StaffRegistration, WorkshopSummary };

export interface ActionResult {
  mailed: boolean;
}

const ROUTE = '/registrations/workshops';

/** Loads once and on reload(); `error` holds the server's message when it failed. */
function useLoaded<T>(load: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setValue(await load());
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, reload };
}

export function useWorkshopList() {
  const { get } = useFetchClient();
  const load = useCallback(async () => (await get<{ data: WorkshopSummary[] }>(ROUTE)).data.data, [get]);
  return useLoaded(load);
}

/** One workshop with its registrations, and the staff's actions on them (each reloads). */
export function useWorkshopRegistrations(documentId: string) {
  const { get, post } = useFetchClient();
  const base = `${ROUTE}/${encodeURIComponent(documentId)}`;
  const load = useCallback(
    async () =>
      (await get<{ data: { workshop: WorkshopSummary; registrations: StaffRegistration[] } }>(base)).data.data,
    [get, base],
  );
  const loaded = useLoaded(load);
  const act = useCallback(
    async (path: string): Promise<ActionResult> => {
      const { data } = await post<{ data: ActionResult }>(`${base}/${path}`, {});
      await loaded.reload();
      return data.data;
    },
    [post, base, loaded.reload],
  );
  return {
    ...loaded,
    moveUp: (id: number) => act(`registrations/${id}/move-up`),
    cancel: (id: number) => act(`registrations/${id}/cancel`),
    close: () => act('close'),
    exportCsv: async () => {
      const { data } = await get(`${base}/export.csv`, { responseType: 'blob' });
      return data;
    },
  };
}

import { useState } from 'react';
import { useListContext, useNotify, useRefresh } from 'react-admin';
import { errorMessage } from './errors';

/** What a bulk action tells the user when it has succeeded: a translation key and its arguments. */
export interface BulkOutcome {
  message: string;
  messageArgs?: Record<string, unknown>;
}

/**
 * One bulk action on the rows ticked in a list: while it runs its buttons are disabled; on success
 * the user is told, the rows are unticked and the list reloaded; a refusal (422 BULK_ACTION_REFUSED,
 * all or nothing) is shown in Vietnamese and leaves the selection as it was.
 */
export function useBulkAction(): { busy: boolean; run: (work: (ids: string[]) => Promise<BulkOutcome>) => Promise<void> } {
  const { selectedIds, onUnselectItems } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);

  const run = async (work: (ids: string[]) => Promise<BulkOutcome>) => {
    setBusy(true);
    try {
      const { message, messageArgs } = await work(selectedIds.map(String));
      notify(message, { type: 'success', messageArgs });
      onUnselectItems();
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

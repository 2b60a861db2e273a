import { useCallback, useMemo } from 'react';
import type { Settings } from '../../../../shared/domain/settings';
import { errorMessage } from '../../../lib/ipc';
import { pendingEdits, toFormValues, toPatch, type FieldName, type FormValues } from '../model/form-values';
import { validateForm, type FieldErrors } from '../model/validate';
import { useSettingsFormStore } from '../store/settings-form-store';
import { useUpdateSettings } from './use-settings-data';

export type SaveState =
  | { kind: 'saved'; at: number | null }
  | { kind: 'dirty'; count: number }
  | { kind: 'saving' }
  | { kind: 'invalid'; count: number }
  | { kind: 'failed'; message: string };

/** What every settings section needs: current values, visible errors and a setter. */
export interface SettingsForm {
  values: FormValues;
  saved: FormValues;
  errors: FieldErrors;
  setField<K extends FieldName>(field: K, value: FormValues[K]): void;
  setFields(edits: Partial<FormValues>): void;
}

export interface SettingsFormController extends SettingsForm {
  state: SaveState;
  dirty: boolean;
  /** Validates, then sends only the changed keys; answers whether the save went through. */
  save(): Promise<boolean>;
  discard(): void;
}

/**
 * The settings form over main's saved settings. Unsaved edits are layered on top of the saved values,
 * so a change that arrives from main (tray, shortcut) shows at once in every field the user has not touched.
 */
export function useSettingsForm(settings: Settings): SettingsFormController {
  const edits = useSettingsFormStore((s) => s.edits);
  const showAllErrors = useSettingsFormStore((s) => s.showAllErrors);
  const lastSavedAt = useSettingsFormStore((s) => s.lastSavedAt);
  const setField = useSettingsFormStore((s) => s.setField);
  const setFields = useSettingsFormStore((s) => s.setFields);
  const markSaved = useSettingsFormStore((s) => s.markSaved);
  const discard = useSettingsFormStore((s) => s.discard);
  const setShowAllErrors = useSettingsFormStore((s) => s.setShowAllErrors);
  const update = useUpdateSettings();

  const saved = useMemo(() => toFormValues(settings), [settings]);
  const pending = useMemo(() => pendingEdits(saved, edits), [saved, edits]);
  const values = useMemo(() => ({ ...saved, ...pending }), [saved, pending]);
  const allErrors = useMemo(() => validateForm(values), [values]);
  const errors = useMemo(() => {
    if (showAllErrors) return allErrors;
    const visible: FieldErrors = {};
    for (const key of Object.keys(allErrors) as FieldName[]) {
      // A field shows its error once the user changed it; the API version also when the preset asks for it.
      // The team store address also when the switch or the agent ID it must match changed.
      const related =
        (key === 'apiVersion' && 'preset' in pending) ||
        (key === 'teamUrl' && ('teamEnabled' in pending || 'agentId' in pending || 'role' in pending));
      if (key in pending || related) visible[key] = allErrors[key];
    }
    return visible;
  }, [allErrors, pending, showAllErrors]);

  const pendingCount = Object.keys(pending).length;
  const errorCount = Object.keys(errors).length;
  const dirty = pendingCount > 0;

  const save = useCallback(async (): Promise<boolean> => {
    if (Object.keys(allErrors).length > 0) {
      setShowAllErrors(true);
      return false;
    }
    if (!dirty) return true;
    const sent = { ...pending };
    try {
      await update.mutateAsync(toPatch(sent, settings));
      markSaved(sent, Date.now());
      return true;
    } catch {
      return false;
    }
  }, [allErrors, dirty, pending, update, markSaved, setShowAllErrors, settings]);

  let state: SaveState;
  if (update.isPending) state = { kind: 'saving' };
  else if (errorCount > 0) state = { kind: 'invalid', count: errorCount };
  else if (update.isError && dirty) state = { kind: 'failed', message: errorMessage(update.error) };
  else if (dirty) state = { kind: 'dirty', count: pendingCount };
  else state = { kind: 'saved', at: lastSavedAt };

  return { values, saved, errors, setField, setFields, state, dirty, save, discard };
}

import type { Role } from '../../shared/domain/settings';

export type ViewId = 'assist' | 'supervisor' | 'trainer' | 'settings';

export interface ViewInfo {
  id: ViewId;
  label: string;
}

const allViews: Readonly<Record<ViewId, ViewInfo>> = {
  assist: { id: 'assist', label: 'Assist' },
  supervisor: { id: 'supervisor', label: 'Supervisor' },
  trainer: { id: 'trainer', label: 'Trainer' },
  settings: { id: 'settings', label: 'Settings' },
};

/**
 * The navigation each role sees, its own view first. Supervisors and trainers keep Assist because
 * they take tickets too; Settings is always last so Alt+digit positions stay stable within a role.
 */
export function viewsForRole(role: Role): readonly ViewInfo[] {
  switch (role) {
    case 'supervisor':
      return [allViews.supervisor, allViews.assist, allViews.settings];
    case 'trainer':
      return [allViews.trainer, allViews.assist, allViews.settings];
    case 'agent':
      return [allViews.assist, allViews.settings];
  }
}

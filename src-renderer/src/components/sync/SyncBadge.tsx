import { Badge } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../src-main/contract/sync';
import { hrefFor } from '../../stores/route';
import { useHqSyncStore } from '../../stores/hq-sync';

const color: Record<SyncStatus['badge'], string> = {
  not_configured: 'gray',
  offline: 'gray',
  syncing: 'blue',
  up_to_date: 'green',
  needs_attention: 'red',
};

/** How often the header asks the core how sync stands (the core polls HQ itself; this only reads). */
const STATUS_EVERY_MS = 5_000;

/**
 * The header's sync badge: offline, syncing n of m, up to date, or needs attention; a link to the Sync page. The
 * page's `online` event (where the runtime has one) asks for a round at once instead of waiting for the next poll.
 */
export function SyncBadge() {
  const { t } = useTranslation();
  const status = useHqSyncStore((s) => s.status);
  const refreshStatus = useHqSyncStore((s) => s.refreshStatus);
  const syncNow = useHqSyncStore((s) => s.syncNow);
  useEffect(() => {
    void refreshStatus();
    const timer = window.setInterval(() => void refreshStatus(), STATUS_EVERY_MS);
    const online = () => void syncNow();
    const offline = () => void refreshStatus();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, [refreshStatus, syncNow]);
  if (!status) return null;
  const waiting = status.counts.queued + status.counts.uploading;
  const label =
    status.badge === 'syncing'
      ? t('hq.badge.syncing', { done: status.progress.done, total: Math.max(status.progress.total, waiting) })
      : t(`hq.badge.${status.badge}`);
  return (
    <Badge
      component="a"
      href={hrefFor({ name: 'sync' })}
      color={color[status.badge]}
      variant={status.badge === 'needs_attention' ? 'filled' : 'light'}
      style={{ cursor: 'pointer', flexShrink: 0 }}
      data-testid="sync-badge"
      data-state={status.badge}
      aria-label={t('hq.badge.label', { state: label })}
    >
      {label}
    </Badge>
  );
}

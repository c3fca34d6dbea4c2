import type { ComponentType } from 'react';
import { t, type Text } from '../../../shared/text.js';

/**
 * The admin hub's sections (系统设置): each is one tab under `/admin/<path>`, loaded on first visit.
 * A new admin page is one entry here; the hub, its route and its menu entry need no other change.
 */
export interface AdminTab {
  path: string;
  label: Text;
  load: () => Promise<ComponentType>;
}

export const ADMIN_TABS: AdminTab[] = [
  { path: 'catalogue', label: t('目录管理', 'Catalogue'), load: () => import('./catalogue-page.js').then((m) => m.CataloguePage) },
  { path: 'import', label: t('数据导入', 'Data import'), load: () => import('./import-page.js').then((m) => m.ImportPage) },
  { path: 'attributes', label: t('客户属性', 'Attributes'), load: () => import('./attributes-page.js').then((m) => m.AttributesPage) },
  { path: 'channels', label: t('渠道绑定', 'Channel bindings'), load: () => import('./channel-bindings-page.js').then((m) => m.ChannelBindingsPage) },
  { path: 'provisioning', label: t('权益开通', 'Provisioning'), load: () => import('./provisioning-page.js').then((m) => m.ProvisioningPage) },
];

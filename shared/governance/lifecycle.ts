import { t, type Text } from '../text.js';

/** Where a flow is in its life. `running`/`paused`/`stopped`/`completed` describe its live version. */
export const FLOW_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'running', 'paused', 'stopped', 'completed', 'archived'] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

/** The states of a published version's run; a flow being re-edited keeps its live run in one of these. */
export const RUN_STATUSES = ['running', 'paused', 'stopped', 'completed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const isRunStatus = (s: string): s is RunStatus => (RUN_STATUSES as readonly string[]).includes(s);

export const LIFECYCLE_EVENTS = ['submit', 'withdraw', 'approve', 'reject', 'publish', 'pause', 'resume', 'stop', 'complete', 'archive', 'edit'] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

export const STATUS_LABELS: Record<FlowStatus, Text> = {
  draft: t('草稿', 'draft'),
  submitted: t('待审批', 'submitted'),
  approved: t('已批准', 'approved'),
  rejected: t('已驳回', 'rejected'),
  running: t('运行中', 'running'),
  paused: t('已暂停', 'paused'),
  stopped: t('已停止', 'stopped'),
  completed: t('已完成', 'completed'),
  archived: t('已归档', 'archived'),
};

export const EVENT_LABELS: Record<LifecycleEvent, Text> = {
  submit: t('提交审批', 'Submit'),
  withdraw: t('撤回', 'Withdraw'),
  approve: t('批准', 'Approve'),
  reject: t('驳回', 'Reject'),
  publish: t('发布', 'Publish'),
  pause: t('暂停', 'Pause'),
  resume: t('恢复', 'Resume'),
  stop: t('停止', 'Stop'),
  complete: t('完成', 'Complete'),
  archive: t('归档', 'Archive'),
  edit: t('编辑', 'Edit'),
};

/**
 * The whole lifecycle as data: for each event, the statuses it may leave and where it goes.
 * `edit` is what a save of the working copy does: an approval is void once the document changes, and
 * editing a published flow starts the draft of its next version (the live run keeps going).
 */
export const TRANSITIONS: Record<LifecycleEvent, Partial<Record<FlowStatus, FlowStatus>>> = {
  submit: { draft: 'submitted', rejected: 'submitted' },
  withdraw: { submitted: 'draft' },
  approve: { submitted: 'approved' },
  reject: { submitted: 'rejected' },
  publish: { approved: 'running' },
  pause: { running: 'paused' },
  resume: { paused: 'running' },
  stop: { running: 'stopped', paused: 'stopped' },
  complete: { running: 'completed', paused: 'completed' },
  archive: { draft: 'archived', rejected: 'archived', stopped: 'archived', completed: 'archived' },
  edit: { draft: 'draft', rejected: 'draft', submitted: 'draft', approved: 'draft', running: 'draft', paused: 'draft', stopped: 'draft', completed: 'draft' },
};

/** Events that act on the live run rather than on the working copy. */
export const RUN_EVENTS = ['pause', 'resume', 'stop', 'complete'] as const satisfies readonly LifecycleEvent[];
export const isRunEvent = (e: LifecycleEvent): e is (typeof RUN_EVENTS)[number] => (RUN_EVENTS as readonly string[]).includes(e);

export interface TransitionFacts {
  /** Who asks for the transition. */
  actorId: number;
  /** The flow's owner and, once submitted, its submitter: neither may review it (four-eyes). */
  ownerId: number;
  submittedBy?: number | null;
  comment?: string;
}

export type TransitionResult =
  | { ok: true; from: FlowStatus; to: FlowStatus }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'FOUR_EYES' | 'COMMENT_REQUIRED'; message: Text };

/** Whether `event` may leave `from`, ignoring who asks: for buttons and quick checks. */
export const canTransition = (from: FlowStatus, event: LifecycleEvent): boolean => TRANSITIONS[event][from] !== undefined;

/** The events possible from a status, in the order buttons show them. */
export const eventsFrom = (from: FlowStatus): LifecycleEvent[] => LIFECYCLE_EVENTS.filter((e) => e !== 'edit' && canTransition(from, e));

/**
 * Decide one transition. Pure: the caller loads the facts and persists the result. Refusals carry a
 * bilingual message that names the current status, so the UI can show them as they are.
 */
export function transition(from: FlowStatus, event: LifecycleEvent, facts: TransitionFacts): TransitionResult {
  const to = TRANSITIONS[event][from];
  if (to === undefined) {
    const allowed = Object.keys(TRANSITIONS[event]) as FlowStatus[];
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: t(
        `无法${EVENT_LABELS[event].zh}：流程当前状态为「${STATUS_LABELS[from].zh}」，仅「${allowed.map((s) => STATUS_LABELS[s].zh).join('、')}」状态可以${EVENT_LABELS[event].zh}`,
        `Cannot ${EVENT_LABELS[event].en}: the flow is ${STATUS_LABELS[from].en}; only a flow that is ${allowed.map((s) => STATUS_LABELS[s].en).join(' or ')} can be ${pastTense(event)}`,
      ),
    };
  }
  if ((event === 'approve' || event === 'reject') && (facts.actorId === facts.ownerId || facts.actorId === facts.submittedBy)) {
    return { ok: false, code: 'FOUR_EYES', message: t('四眼原则：不能审批自己提交的流程', 'Four-eyes rule: you cannot review a flow you own or submitted') };
  }
  if (event === 'reject' && !facts.comment?.trim()) {
    return { ok: false, code: 'COMMENT_REQUIRED', message: t('驳回时必须填写意见', 'A rejection needs a comment') };
  }
  return { ok: true, from, to };
}

function pastTense(e: LifecycleEvent): string {
  const map: Record<LifecycleEvent, string> = { submit: 'submitted', withdraw: 'withdrawn', approve: 'approved', reject: 'rejected', publish: 'published', pause: 'paused', resume: 'resumed', stop: 'stopped', complete: 'completed', archive: 'archived', edit: 'edited' };
  return map[e];
}

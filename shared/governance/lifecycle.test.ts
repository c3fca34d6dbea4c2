import { describe, expect, test } from 'vitest';
import { eventsFrom, FLOW_STATUSES, LIFECYCLE_EVENTS, STATUS_LABELS, transition, type FlowStatus, type LifecycleEvent } from './lifecycle.js';

/** The lifecycle written out independently of TRANSITIONS: every legal (from, event) → to. */
const LEGAL: [FlowStatus, LifecycleEvent, FlowStatus][] = [
  ['draft', 'submit', 'submitted'], ['rejected', 'submit', 'submitted'],
  ['submitted', 'withdraw', 'draft'],
  ['submitted', 'approve', 'approved'], ['submitted', 'reject', 'rejected'],
  ['approved', 'publish', 'running'],
  ['running', 'pause', 'paused'], ['paused', 'resume', 'running'],
  ['running', 'stop', 'stopped'], ['paused', 'stop', 'stopped'],
  ['running', 'complete', 'completed'], ['paused', 'complete', 'completed'],
  ['draft', 'archive', 'archived'], ['rejected', 'archive', 'archived'], ['stopped', 'archive', 'archived'], ['completed', 'archive', 'archived'],
  ...(['draft', 'rejected', 'submitted', 'approved', 'running', 'paused', 'stopped', 'completed'] as const).map((s): [FlowStatus, LifecycleEvent, FlowStatus] => [s, 'edit', 'draft']),
];
const legal = new Map(LEGAL.map(([f, e, to]) => [`${f}:${e}`, to]));
const facts = { actorId: 2, ownerId: 1, submittedBy: 1, comment: 'needs a control group' };

describe('lifecycle state machine', () => {
  for (const from of FLOW_STATUSES) {
    for (const event of LIFECYCLE_EVENTS) {
      const to = legal.get(`${from}:${event}`);
      if (to) {
        test(`${from} --${event}--> ${to}`, () => expect(transition(from, event, facts)).toEqual({ ok: true, from, to }));
      } else {
        test(`${from} --${event}--> refused, naming the status`, () => {
          const r = transition(from, event, facts);
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(r.code).toBe('ILLEGAL_TRANSITION');
          expect(r.message.zh).toContain(`「${STATUS_LABELS[from].zh}」`);
          expect(r.message.en).toContain(`the flow is ${STATUS_LABELS[from].en}`);
        });
      }
    }
  }

  test('four-eyes: the owner cannot approve or reject their own flow', () => {
    for (const e of ['approve', 'reject'] as const) {
      const r = transition('submitted', e, { actorId: 1, ownerId: 1, comment: 'x' });
      expect(r).toMatchObject({ ok: false, code: 'FOUR_EYES' });
    }
  });

  test('four-eyes: whoever submitted cannot approve either, even when not the owner', () => {
    expect(transition('submitted', 'approve', { actorId: 3, ownerId: 1, submittedBy: 3 })).toMatchObject({ ok: false, code: 'FOUR_EYES' });
  });

  test('a rejection needs a non-blank comment', () => {
    expect(transition('submitted', 'reject', { actorId: 2, ownerId: 1, comment: '  ' })).toMatchObject({ ok: false, code: 'COMMENT_REQUIRED' });
    expect(transition('submitted', 'reject', { actorId: 2, ownerId: 1 })).toMatchObject({ ok: false, code: 'COMMENT_REQUIRED' });
  });

  test('eventsFrom lists the buttons of a status', () => {
    expect(eventsFrom('submitted')).toEqual(['withdraw', 'approve', 'reject']);
    expect(eventsFrom('running')).toEqual(['pause', 'stop', 'complete']);
    expect(eventsFrom('archived')).toEqual([]);
  });
});

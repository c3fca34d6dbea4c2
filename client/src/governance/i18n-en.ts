import type { govZh } from './i18n-zh.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Governance screens, English. Typed against the Chinese resource so a missing key is a compile error. */
export const govEn: Shape<typeof govZh> = {
  done: 'Done',
  list: {
    title: 'Flows', allStatuses: 'All statuses', allOwners: 'All owners', search: 'Search name or ID', name: 'Name', unit: 'Unit', owner: 'Owner',
    status: 'Status', updated: 'Updated', actions: 'Actions', empty: 'No flows match', live: 'live v{{v}}', open: 'Open in designer', asTemplate: 'Publish as template', count: '{{n}} flows',
  },
  inbox: {
    title: 'Approvals', empty: 'Nothing waiting for you', pick: 'Pick a flow on the left to see its diff and decide', history: 'Review history', firstVersion: 'First submission: everything below is new',
    noChanges: 'No structural change against the live version', added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved only', nodes: 'Nodes', edges: 'Edges', document: 'Flow settings',
    base: 'against live v{{v}}', conflicts: 'Customer conflict preview', noConflicts: 'No overlap with other approved or running flows', scope: 'This flow reaches: {{cities}}',
    priority: 'priority {{p}}', winnerThis: 'this flow wins', winnerOther: 'the other flow wins', winnerTie: 'same level: first published wins',
    nextVersion: 'publishes as v{{v}}', runStatus: 'Live run: {{s}}', versions: 'Published versions', open: 'View in designer',
    note: 'Submitter\'s note', noNote: 'The submitter wrote no note', diffReadable: 'What changed (against the live version)', approveTitle: 'Approve "{{name}}"', approveComment: 'Comment (optional)',
    rejectComment: 'Reason for rejecting (required)', submitTitle: 'Submit "{{name}}" for approval', submitNote: 'Note for the supervisor (optional)', stopComment: 'Reason for stopping (optional)',
    banner: 'You {{what}} "{{name}}"', bannerNext: 'Next: {{name}}', openNext: 'Open next', noNext: 'Nothing else awaits a decision', dismiss: 'OK',
    forecast: 'Forecast if published', overlapOf: '{{n}} customers in common', audienceOf: 'this flow\'s audience: {{n}}',
    submitted: 'submitted', withdrawn: 'withdrawn', approved: 'approved', rejected: 'rejected', published: 'published',
    // the review history lists decisions as labels; the banner above uses them mid-sentence
    decisionLabel: { submitted: 'Submitted', withdrawn: 'Withdrawn', approved: 'Approved', rejected: 'Rejected', published: 'Published' },
  },
  confirm: {
    publishTitle: 'Publish "{{name}}"?', publishBody: 'The run starts at once; messages that went out cannot be taken back.', audience: 'Audience', audienceValue: '{{n}} customers (plus {{c}} in the control group, not contacted)',
    firstSend: 'First send', firstSendValue: '{{time}} (Beijing time) · {{channel}}', firstSendEvent: 'after each customer\'s trigger event · {{channel}}', noSend: 'This flow sends nothing',
    cost: 'Forecast cost', costValue: '≈ ¥{{n}} (budget ¥{{b}})', costNoBudget: '≈ ¥{{n}} (no budget limit)', conversions: 'Forecast conversions', load: 'Channel load', loadValue: '{{channel}} {{n}} contacts',
    simulating: 'Simulating {{n}} sample customers… {{p}}%', simFailed: 'Simulation failed: {{e}}', sampleNote: 'Simulated on {{n}} sample customers, scaled to the audience', conflicts: 'Conflicts',
    conflictsNone: 'No overlap with other flows', conflictsSome: 'Overlaps {{n}} flow(s)', publish: 'Publish', pauseTitle: 'Pause "{{name}}"?',
    pauseBody: 'No new contacts go out while paused; customers stay where they are and you can resume at any time.', pause: 'Pause', stopTitle: 'Stop "{{name}}"?',
    stopBody: 'The run ends for good and cannot be resumed; every journey in progress ends.', stop: 'Stop', archiveTitle: 'Archive "{{name}}"?',
    archiveBody: 'An archived flow can no longer be edited, submitted or published.', archive: 'Archive', disableTitle: 'Disable user {{user}}?',
    disableBody: '{{user}} is logged out at once and cannot log in until enabled again.', disable: 'Disable', resetTitle: 'Reset the password of {{user}}?',
    resetBody: 'The old password stops working and every session of {{user}} is logged out; the new password is shown once.', reset: 'Reset password',
  },
  templates: {
    title: 'Template library', search: 'Search names, descriptions, tags', allCategories: 'All', usage: 'used {{n}}×', cases: '{{n}} cases', partial: 'fragment', nodes: '{{n}} nodes',
    use: 'Use template', empty: 'No templates match', instantiateTitle: 'New flow from template', flowName: 'New flow name', create: 'Create draft', created: 'Draft {{id}} created',
    publishTitle: 'Publish as template', name: 'Template name', category: 'Category', description: 'Description', tags: 'Tags (comma separated)', parameters: 'Parameters', addParam: '+ Add parameter',
    paramKey: 'Key', paramLabel: 'Label', paramKind: 'Kind', kindProduct: 'Product', kindSegment: 'Segment / city', kindText: 'Text', selectNodes: 'Nodes to include (all = the whole flow)',
    publish: 'Publish template', placeholderHint: 'Text parameters replace placeholders in the flow name and scripts, e.g. {{example}}', fromFile: 'built-in', fromTrainer: 'by a trainer', casesTitle: 'Case collection',
    noCases: 'No cases yet', chooseCategory: 'Choose a category', published: 'Template “{{name}}” is published to the library ({{category}}); planners can now create flows from it.', viewLibrary: 'Open the template library', addCase: 'Add to cases', caseNote: 'Case note (results, lessons)', choose: 'Keep the template default', remove: 'Remove', by: 'by {{name}}',
  },
  audit: {
    title: 'Audit log', allActions: 'All actions', allUsers: 'All users', allEntities: 'All objects', entityId: 'Object ID', from: 'From', to: 'To', at: 'Time',
    user: 'User', action: 'Action', entity: 'Object', detail: 'Detail', empty: 'No entries', total: '{{n}} entries', prev: 'Previous', next: 'Next',
    entityFlow: 'Flow', entityUser: 'User', entityTemplate: 'Template',
  },
  actions: {
    'flow.create': 'Create flow', 'flow.edit': 'Edit after submit/publish', 'flow.submit': 'Submit', 'flow.withdraw': 'Withdraw', 'flow.approve': 'Approve', 'flow.reject': 'Reject',
    'flow.publish': 'Publish', 'flow.pause': 'Pause', 'flow.resume': 'Resume', 'flow.stop': 'Stop', 'flow.complete': 'Complete', 'flow.archive': 'Archive',
    'user.create': 'Create user', 'user.roles': 'Change roles', 'user.disable': 'Disable user', 'user.enable': 'Enable user', 'user.reset_password': 'Reset password', 'user.org_unit': 'Change unit',
    'template.publish': 'Publish template', 'template.instantiate': 'Use template', 'template.case': 'Add case',
  },
  users: {
    title: 'Users', create: 'New user', username: 'Username', displayName: 'Name', unit: 'Unit', roles: 'Roles', password: 'Initial password (10+ characters, not a common one)', status: 'Status',
    active: 'Active', disabled: 'Disabled', enable: 'Enable', disable: 'Disable', resetPassword: 'Reset password', newPassword: 'New password for {{user}}: {{password}} (shown once)',
  },
};

import type { designerZh } from './designer-zh.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Designer strings, English; a key missing here is a compile error. */
export const designerEn: Shape<typeof designerZh> = {
  emptyTitle: 'Drag nodes from the palette to start',
  emptyHint: 'Segment → Channel linkage → Script → Wait → Evaluate',
  untitled: 'Untitled flow',
  field: {
    required: 'Required', notNumber: 'Enter a number', integer: 'Enter a whole number', min: 'Must be at least {{min}}', above: 'Must be more than {{min}}', max: 'Must be at most {{max}}',
    tooLong: 'At most {{max}} characters; this has {{count}}', refused: '{{field}}: {{message}} (not saved)',
  },
  common: { remove: 'Remove', yes: 'Yes', no: 'No' },
  canvas: {
    edgesRemoved: 'Removed {{count}} edge(s): {{list}}. Press Ctrl+Z to undo and bring them back.',
    minimap: 'Mini map',
    a11y: {
      node: 'Press Enter or Space to select the node; then move it with the arrow keys, Delete removes it, Escape cancels.', moved: 'Moved the selected node {{direction}}. New position x: {{x}}, y: {{y}}',
      edge: 'Connection from {{source}} to {{target}}', edgeHint: 'Press Enter or Space to select the connection; then Delete removes it, Escape cancels.',
      controls: 'Canvas controls', zoomIn: 'Zoom in', zoomOut: 'Zoom out', lock: 'Lock / unlock editing on the canvas', handle: 'Connection point',
    },
  },
  palette: {
    title: 'Nodes', hint: 'Drag onto the canvas, or focus and press Enter', collapse: 'Collapse node palette', expand: 'Expand node palette',
    category: { entry: 'Entry', channels: 'Channels', content: 'Content', control: 'Control', evaluation: 'Measuring results' },
  },
  node: { outputs: 'Outputs {{count}}', errors: 'Errors {{count}}', warnings: 'Warnings {{count}}', invalidData: 'Invalid configuration: fix it in the inspector', optional: 'optional', unknownType: 'Unknown node type: {{type}}' },
  panel: { label: 'Side panel', inspector: 'Inspector', issues: 'Issues', compile: 'Compile', simulate: 'Simulate', collapse: 'Collapse panel', expand: 'Expand panel', resize: 'Drag to resize the panel (or use ← →)' },
  top: {
    name: 'Flow name', nameRequired: 'Enter a flow name (not saved)', validate: 'Validate', simulate: 'Simulate', submit: 'Submit', undo: 'Undo', redo: 'Redo', duplicate: 'Duplicate', delete: 'Delete',
    layout: 'Auto-layout', fit: 'Zoom to fit', submitHint: 'Submit to a supervisor for approval', submitRole: 'Only planners can submit flows', submitReadOnly: 'This flow cannot be edited now',
    submitErrors: '{{count}} errors left; fix them before submitting', submitNotSaved: 'The flow is not saved; cannot submit', submitted: 'Submitted for approval',
  },
  save: { invalid: '{{count}} invalid input(s), not saved', invalidHint: 'Fix the fields marked red and it saves by itself', saved: 'Saved', saving: 'Saving…', unsaved: 'Unsaved', conflict: 'Conflict', error: 'Save failed', readOnly: 'Read-only', revision: 'Revision {{revision}}' },
  conflict: {
    title: 'Save conflict', body: 'This flow was changed in another tab or by someone else; your changes are not saved.',
    reload: 'Load theirs (discard mine)', keepMine: 'Keep mine as a copy', copySuffix: '(copy)',
  },
  files: {
    menu: 'File', new: 'New blank flow', open: 'Open flow…', openFlow: 'Open a flow', templates: 'New from template…', import: 'Import JSON…', export: 'Export JSON',
    importFailed: 'Import failed', noFlows: 'No flows yet', noTemplates: 'No templates available', nodeCount: '{{count}} nodes',
  },
  start: {
    title: 'Design a campaign flow', subtitle: 'Start a blank flow, start from a template, or continue with an existing flow.', readOnly: 'You can view the flows of your unit; only planners create and edit flows.',
    blank: 'New blank flow', blankHint: 'Start from an empty canvas and drag in audience, channel linkage and evaluation nodes', template: 'New from a template', templateHint: 'Create a draft from a proven campaign template, then change anything',
    gallery: 'Fill in parameters in the template library →', recent: 'Open an existing flow', allFlows: 'See all {{count}} flows',
  },
  clipboard: { copied: 'Copied {{count}} nodes', cut: 'Cut {{count}} nodes', pasted: 'Pasted {{count}} nodes' },
  issues: {
    none: 'No issues found', allGood: 'Validation passed: no issues', summary: '{{errors}} errors, {{warnings}} warnings', badge: '{{count}} issues',
    error: 'Error', warning: 'Warning',
  },
  compile: {
    failed: 'Compile failed ({{count}} errors)', summary: '{{count}} states, starting at "{{initial}}"', hash: 'Version fingerprint (unchanged while the content is)', kind: 'Kind', state: 'State', node: 'Source node',
    kinds: { send: 'send', await: 'await', timer: 'timer', route: 'route', provision: 'provision', terminal: 'terminal' },
    detail: { await: 'up to {{h}} h', timerFor: 'after {{h}} h', timerUntil: 'until {{at}}', route: '{{count}} branches', bestFit: '{{count}} branches · best CPC fit', provision: '{{benefit}} · ¥{{cost}} each', outcome: 'outcome: {{outcome}}' },
    initial: 'start',
  },
  inspector: { multi: '{{count}} nodes selected', multiHint: 'Ctrl+C copy, Ctrl+D duplicate, Delete remove', resetDefaults: 'Reset to defaults' },
  fields: { reach: 'Reach', responses: 'Responses', conversions: 'Conversions', revenue: 'Revenue (CNY)', budget: 'Budget (CNY)', evaluationDays: 'Evaluation days' },
  settings: {
    title: 'Campaign settings', hint: 'Shown when no node is selected', campaign: 'Campaign', description: 'Description', product: 'Offer', productHint: 'Scripts fill {product} and {price} from it',
    start: 'Start', end: 'End', priority: 'Priority', priorityHint: '1–100; when campaigns compete for a customer on one day, the higher wins', goals: 'Goals and budget',
    goalsHint: '0 sets no goal; a budget of 0 means no spending limit',
  },
  segment: {
    audience: 'Estimated audience', controlCount: 'control {{count}}', conditions: 'Conditions', and: 'AND', or: 'OR', allMatch: 'all must match', anyMatch: 'any may match',
    combinator: 'Combine with', addCondition: 'Add condition', addGroup: 'Add group', removeGroup: 'Remove group', field: 'Field', operator: 'Operator', value: 'Value', from: 'From', to: 'To',
    exclusions: 'Exclusions', exclude: { optedOut: 'Exclude opted-out customers', doNotDisturb: 'Exclude do-not-disturb customers', ownsOffer: 'Exclude customers who own the offer', inOtherActiveFlow: 'Exclude customers in other active campaigns' },
    exclusionList: 'Blacklist', exclusionListHint: 'Name of a saved exclusion list; empty for none',
    controlAndEntry: 'Control group and entry', controlPct: 'Control group (%)', controlHint: 'Control customers get no contact, to measure lift (0–50%)',
    entry: 'Entry', entryModes: { once: 'Once, at publish', daily: 'Daily, new matches', event: 'On an event' }, trigger: 'Trigger event', threshold: 'Threshold (%)',
    reentry: 'Re-entry', reentryModes: { never: 'Never', after_exit: 'After exit and a cool-down' }, cooldown: 'Cool-down days',
  },
  touch: {
    title: 'Touch', channel: 'Channel', stage: 'Stage', timeout: 'Response timeout (h)', stageNotServed: 'This channel cannot serve this stage',
    channelFacts: 'Cost ¥{{cost}} per contact · {{capacity}} per day · contact hours {{from}}:00–{{to}}:00',
  },
  script: {
    template: 'SMS text', templateBy: { sms: 'SMS text', push: 'Push message', voice: 'Voice prompt', call: 'Script', visit: 'Script' },
    repliesBy: { sms: 'Reply keywords', push: 'Quick-reply buttons', voice: 'Key options', call: 'Reply keywords', visit: 'Reply keywords' },
    replyBy: { sms: 'Keyword', push: 'Button text', voice: 'Key', call: 'Keyword', visit: 'Keyword' }, smsParts: '{{count}} SMS',
    dispositionVisit: { accepted: 'Ordered in store', declined: 'Not interested', no_answer: 'No answer', busy: 'Busy', callback: 'Will come back' }, insertVariable: 'Insert variable', preview: 'Preview (sample customer)', smsLength: '{{length}} chars · {{parts}} SMS',
    replyKeywords: 'Reply keywords', addKeyword: 'Add keyword', keyword: 'Keyword', action: 'Action', actions: { order: 'Order', info: 'More info', trial: 'Start trial', optout: 'Opt out' },
    secondConfirmation: 'Order counts only after a second confirmation', steps: { opening: 'Opening', probing: 'Need probing', offer: 'Offer', closing: 'Closing' },
    objections: 'Objection handling', addObjection: 'Add objection', objection: 'Objection', answer: 'Answer', newObjection: 'Objection', newAnswer: 'Answer',
    dispositions: 'Outcomes the agent can record', disposition: { accepted: 'Accepted', declined: 'Declined', no_answer: 'No answer', busy: 'Busy', callback: 'Call back' }, takesOrder: 'Takes the order directly',
  },
  linkage: {
    mode: 'Linkage mode', modeHint: { serial: 'Serial: channels relay the customer in order; by default a customer moves to the next channel only after responding (each touch can hand over after a timeout instead), and each touch says what happens when the customer cannot be reached', parallel: 'Parallel: each customer is reached at once through the channel that fits them best', hybrid: 'Hybrid: a parallel first touch, then serial follow-ups in each lane' },
    routing: 'Routing', routingFit: 'By CPC fit', routingRules: 'By segment rules', touches: 'Touches', addTouch: 'Add touch', handoff: 'Hand-off rule',
    lanes: 'Lanes', addLane: 'Add lane', laneRule: 'Lane rule', addRule: 'Add rule', followUps: 'Serial follow-ups',
    moveUp: 'Move up', moveDown: 'Move down', fitPreview: 'Fit preview: which customer groups go to each lane', fitScore: 'avg fit {{score}}', noGroups: 'No group fits this lane best',
  },
  wait: {
    title: 'Wait condition', mode: 'Wait for', modes: { duration: 'A duration', until_time: 'A time of day', until_date: 'A date', event: 'An event' },
    duration: 'Duration', time: 'Time', timeHint: "Continue at this time in the customer's time zone", date: 'Date', event: 'Event', timeout: 'Timeout', timeoutHint: 'Customers without the event continue from the Timeout output',
    unit: 'Unit', hours: 'hours', days: 'days',
  },
  split: { branches: 'Branches', add: 'Add branch', label: 'Branch name', percent: 'Share', total: 'Total {{total}}% (must be 100%)' },
  evaluate: {
    title: 'Evaluation rule', mode: 'Evaluate by', customer: 'Customer outcome branches', kpi: 'Campaign KPI gate', metric: 'Metric', op: 'Compare', threshold: 'Threshold', rateHint: 'Rates as fractions: 0.05 = 5%',
    onFail: 'When it fails', reroute: 'Reroute via the Fail output', stop: 'Stop the remaining customers', branches: 'Branches', addBranch: 'Add branch', branchHint: 'Tested in order; the first match wins, otherwise "Otherwise"',
    label: 'Branch name', test: 'Test', newBranch: 'New branch', converted: 'Converted', tests: { converted: 'Converted', responded: 'Responded', attribute: 'Attribute' },
  },
  sim: {
    title: 'Simulation', hint: 'Runs this flow for sample customers on a simulated clock; nothing is really sent', customers: 'Customers', seed: 'Seed', days: 'Days',
    start: 'Run simulation', clear: 'Clear', running: 'Simulating… {{pct}}%', done: 'Simulation finished', hasErrors: '{{count}} errors left; fix them to simulate',
    results: 'Results', overlay: 'Show counts on the canvas', hide: 'Hide', cost: 'Cost', revenue: 'Revenue',
    funnelTitle: 'Simulation funnel', byStage: 'Customers contacted per stage', controlHint: 'not contacted; measures lift', shareOf: { sampled: 'Share of the sample', treated: 'Share of the treated group (matched minus control)', contacted: 'Share of contacted customers' },
    steps: { sampled: 'Sampled', matched: 'Matched segment', control: 'Control group', contacted: 'Contacted', responded: 'Responded', converted: 'Converted' },
    entered: 'in', completed: 'done', badgeTitle: 'Simulation: customers who entered / completed this node',
  },
};

import type { monZh } from './i18n-zh.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Monitoring screens, English. Typed against the Chinese resource so a missing key is a compile error. */
export const monEn: Shape<typeof monZh> = {
  runs: {
    title: 'Runs', empty: 'No runs yet. Published flows show up here.', flow: 'Flow', unit: 'Unit', version: 'Version', status: 'Status', period: 'Period', started: 'Started',
    clock: 'Clock', live: 'Live', virtual: 'Simulated', open: 'Dashboard', report: 'Report', count: '{{n}} runs',
  },
  dash: {
    title: 'Run dashboard', back: 'Back to runs', report: 'Evaluation report', refreshing: 'Refreshes every 3 s', updated: 'Updated {{time}}', deferred: '{{n}} customers’ contacts are deferred (contact hours, frequency caps, channel capacity or a higher-priority flow); the first go out at {{time}}', notFound: 'No such run',
    enrolled: 'Enrolled', control: 'Control group', active: 'In progress', completed: 'Finished', contacts: 'Contacts', responses: 'Responses', conversions: 'Conversions', cost: 'Cost', revenue: 'Revenue', roi: 'ROI',
    gwDelivered: 'Delivered', gwFailed: '{{n}} failed', gwUnknown: 'Submit outcome unknown',
    bindingPaused: '{{channel}}: sending paused after repeated failures (retrying on its own). {{n}} contacts of this flow are queued and will not be lost.',
    bindingDown: '{{channel}}: the gateway link is down and reconnecting. {{n}} contacts of this flow are queued and will not be lost.',
    bindingConnecting: '{{channel}}: connecting to the gateway. {{n}} contacts of this flow are queued.',
    bindingReason: 'Reason: {{detail}}',
    bindingDeadLetters: '{{n}} went to the dead-letter list; an admin can retry them in Settings › Channel bindings.',
    gwUnknownHint: 'The connection to the gateway was lost, or the process stopped, before the gateway answered these submits: they may or may not have reached the customer. They are never sent again, so no customer gets a message twice.',
    canvas: 'Live counts per node', noDocument: 'This run has no published flow document, so there is no canvas.', funnel: 'Publicity → experience → sales funnel', channels: 'Contacts and cost per channel', timeline: 'Conversions over time',
    suppressed: 'Suppressions by reason', noSuppressed: 'No contact was suppressed', channelTable: 'Channel capacity', capacity: 'Daily capacity', usedToday: 'Used today (all flows)', runToday: 'This run today', queue: 'Waiting for agents',
    hour: 'Hourly', day: 'Daily', entered: 'Entered', waiting: 'Waiting', inProgress: 'Active', conv: 'Conv.', converted: 'Converted', delivered: 'Delivered', noData: 'No data yet',
    stopReason: 'Ended: {{r}}',
  },
  report: {
    title: 'Evaluation report', print: 'Print', csv: 'Export CSV', goal: 'Goal attainment', metric: 'Metric', actual: 'Actual', target: 'Goal', attainment: 'Attainment',
    contactRate: 'Contact rate', responseRate: 'Response rate', conversionRate: 'Conversion rate', controlRate: 'Control conversion rate', lift: 'Lift over control', noLift: 'No control group, or no control conversions',
    budget: 'Budget', noGoal: 'not set', noBudget: 'no limit', byStage: 'By stage', byChannel: 'By channel', byGroup: 'By customer group', byNode: 'By node (attributed conversions)', stage: 'Stage', channel: 'Channel', group: 'Customer group', node: 'Node',
    treated: 'Treated', contacted: 'Contacted', responded: 'Responded', converted: 'Converted', attribution: 'Attribution: the last touch the customer engaged with, else the last one sent. {{e}} conversions by engagement, {{l}} by last send.',
    generated: 'Generated {{time}}', period: 'Period', product: 'Product',
  },
  trace: {
    title: 'Customer trace', noReason: 'the gateway gave no reason', placeholder: 'Customer ID or phone', search: 'Look up', notFound: 'No such customer', hint: 'Enter a customer ID (e.g. 1024) or an 11-digit phone number to see their path through each run.',
    group: 'Group', city: 'City', plan: 'Plan', phone: 'Phone', smartphone: 'Smartphone', featurePhone: 'Feature phone', dnd: 'Do not disturb', noRuns: 'This customer is in no run you can see.',
    inControl: 'Control group (not contacted)', state: 'Now', outcome: 'Outcome', responded: 'Responded', converted: 'Converted', open: 'In progress', until: 'until {{time}}',
    kinds: {
      entered: 'Enrolled', sent: 'Sent', delivered: 'Delivered', queued: 'Queued for an agent', suppressed: 'Suppressed', deferred: 'Deferred', unreachable: 'Unreachable', failed: 'Delivery failed', responded: 'Responded',
      awaiting_confirmation: 'Awaiting second confirmation', converted: 'Converted', route: 'Branch', timeout: 'Timed out', wake: 'Wait over', ended: 'Ended', waiting: 'Waiting', granted: 'Benefit granted', grant_failed: 'Benefit grant failed', already_held: 'Benefit already held', other: 'Other',
    },
  },
  reasons: {
    daily_cap: 'Daily contact cap', weekly_cap: 'Weekly contact cap', channel_daily_cap: 'Channel daily cap', channel_weekly_cap: 'Channel weekly cap', quiet_hours: 'Quiet hours', dnd: 'Do-not-disturb list',
    opt_out: 'Opted out of the channel', feature_phone: 'Feature phone', channel_disabled: 'Channel disabled in the catalogue', no_reachable_lane: 'No lane could reach the customer', priority: 'Taken by a higher-priority flow', capacity: 'Channel capacity full', flow_capacity: "The flow's share of the channel used up", budget_exhausted: 'Budget spent', period_ended: 'Campaign period over', undelivered: 'Not delivered (receiver down)',
    delivery_failed: 'Delivery failed', order: 'Ordered', response: 'Replied', trial: 'Started a trial', store_visit: 'Visited a store', app_login: 'Logged in to the app', stopped: 'Run stopped', no_route: 'No branch applied', 'all journeys ended': 'Every customer finished the flow', control: 'Control group', await: 'Waiting for the customer', timer: 'Waiting for a timer', send: 'Waiting to send',
  },
  work: {
    title: 'Agent workbench', search: 'Search name, number or id', noMatch: 'No customer matches “{{q}}”.', channel: 'Channel', empty: 'No customers waiting in this queue.', waiting: '{{n}} waiting', customer: 'Customer', stage: 'Stage', tries: 'tried {{n}}×', flow: 'Flow', showPhone: 'Show full number', hidePhone: 'Hide number',
    steps: { opening: '① Opening', probing: '② Need probing', offer: '③ Offer', closing: '④ Closing' }, objections: 'Objection handling', noScript: 'This contact has no agent script.',
    disposition: 'Outcome', dispositions: { accepted: 'Accepted', declined: 'Declined', no_answer: 'No answer', busy: 'Busy', callback: 'Call back' },
    callbackAt: 'Call back at', callbackDate: 'Callback date', callbackTime: 'Callback time (24-hour)', beijingTime: '(Beijing time)', timeInvalid: 'Use hh:mm (24-hour), e.g. 14:30', secondConfirmed: 'Customer confirmed the order a second time', needConfirm: 'The order needs the customer’s second confirmation (five prohibitions)', submit: 'Record outcome', next: 'Next',
    result: { applied: 'Recorded; the customer’s journey moved on', recorded: 'Recorded', awaiting_confirmation: 'Recorded; waiting for the second confirmation', deferred: 'Run paused; applied when it resumes', late: 'The customer is no longer waiting', invalid: 'Invalid queue item', duplicate: 'Already recorded', enrolled: 'Recorded', unknown_customer: 'Unknown customer' },
    selectHint: 'Pick a customer on the left to start.',
    idleHint: 'Running flows send customers here for their human touches (calls, store visits) during the allowed hours. The list refreshes by itself.',
  },
  fit: {
    title: 'CPC customer–channel fit', category: 'Product category', view: 'Show', estimate: 'Response-rate estimate (learned)', prior: 'Prior response rate', fitScore: 'Customer–channel fit', learned: 'Contacts learned',
    learn: 'Learn now', learning: 'Learning…', learnedResult: 'Learned {{contacts}} contacts ({{responses}} responses) from {{runs}} runs', passes: 'Learning passes', noPasses: 'No learning passes yet.',
    at: 'Time', run: 'Run', trigger: 'Trigger', manual: 'Manual', run_completed: 'Run ended', cells: 'Cells updated', hint: 'Posterior = prior Beta(α, β) + observed responses / non-responses. Parallel linkage picks each customer’s channel by the latest estimates.',
    cell: '{{group}} × {{channel}}: {{value}}',
  },
};

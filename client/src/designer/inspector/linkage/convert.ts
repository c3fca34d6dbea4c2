import type { LinkageData } from '../../../../../shared/nodes/linkage/definition.js';
import type { SerialTouch, Touch } from '../../../../../shared/nodes/touch.js';

type Mode = LinkageData['mode'];
const bare = <T extends Touch>(x: T): Touch => ({ id: x.id, channel: x.channel, stage: x.stage, script: x.script, timeoutHours: x.timeoutHours });
const serial = (x: Touch, handoff: SerialTouch['handoff'] = 'on_response'): SerialTouch => ({ ...bare(x), handoff });

/** Change the linkage mode keeping every touch: serial chains become lanes or follow-ups and back. */
export function convertLinkage(d: LinkageData, mode: Mode): LinkageData {
  if (d.mode === mode) return d;
  const all: SerialTouch[] =
    d.mode === 'serial' ? d.touches
    : d.mode === 'parallel' ? d.lanes.map((l) => serial(l))
    : d.lanes.flatMap((l) => [serial(l), ...l.followUps]);
  if (mode === 'serial') return { mode, touches: all };
  const routing = d.mode === 'serial' ? 'fit' : d.routing;
  if (mode === 'parallel') {
    return { mode, routing, lanes: d.mode === 'hybrid' ? d.lanes.map((l) => ({ ...bare(l), ...(l.rule ? { rule: l.rule } : {}) })) : all.map(bare) };
  }
  if (d.mode === 'parallel') return { mode, routing, lanes: d.lanes.map((l) => ({ ...l, followUps: [] })) };
  const [first, ...rest] = all;
  return { mode, routing, lanes: [{ ...bare(first!), followUps: rest }] };
}

/** Move item `i` by `delta` places (reorder buttons). */
export function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

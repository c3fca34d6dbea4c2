import { ViewportPortal } from '@xyflow/react';

/** Half the side of the dotted square, in flow units: far beyond any flow, and only what is on screen is drawn. */
const REACH = 50_000;

/**
 * The dotted canvas of a large flow, drawn inside the viewport instead of React Flow's `<Background>`.
 * React Flow's moves its pattern on every viewport change, which repaints and re-rasterises the whole
 * pane on each pan frame; here the dots belong to the viewport, which is its own compositor layer while
 * it moves (FlowCanvas), so a pan moves tiles already drawn. Same dots, same phase as `<Background>`:
 * one dot of `size` every `gap` flow units, centred at `gap·k − gap/2 + size/2`.
 */
export function WorldDots({ gap, size, color, fill }: { gap: number; size: number; color: string; fill: string }) {
  const r = size / 2;
  // Tiles start at flow −gap/2 (mod gap), like React Flow's pattern.
  const origin = Math.ceil(REACH / gap) * gap + gap / 2;
  return (
    <ViewportPortal>
      <div
        aria-hidden
        className="pointer-events-none absolute"
        style={{
          left: -origin, top: -origin, width: 2 * origin, height: 2 * origin, zIndex: -1,
          backgroundColor: fill,
          backgroundImage: `radial-gradient(circle at ${r}px ${r}px, ${color} ${r}px, transparent ${r}px)`,
          backgroundSize: `${gap}px ${gap}px`,
        }}
      />
    </ViewportPortal>
  );
}

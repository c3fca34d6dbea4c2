import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/**
 * The drag handle on the left edge of the side panel: drag it, or focus it and use ← / → (Shift for
 * bigger steps), Home / End for the limits. A vertical `separator` as ARIA describes.
 */
export function ResizeHandle({ width, min, max, onChange, label }: { width: number; min: number; max: number; onChange: (w: number) => void; label: string }) {
  const start = useRef<{ x: number; w: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { x: e.clientX, w: width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (start.current) onChange(clamp(start.current.w + start.current.x - e.clientX));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    start.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 64 : 16;
    const next = { ArrowLeft: width + step, ArrowRight: width - step, Home: max, End: min }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onChange(clamp(next));
  };
  return (
    <div role="separator" aria-orientation="vertical" aria-label={label} aria-valuenow={width} aria-valuemin={min} aria-valuemax={max} tabIndex={0}
      data-testid="panel-resize" title={label}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp} onKeyDown={onKeyDown}
      className="group absolute inset-y-0 -left-1 z-20 w-2 cursor-col-resize touch-none focus-visible:outline-none">
      <div className="mx-auto h-full w-0.5 bg-transparent transition-colors group-hover:bg-brand-500 group-focus-visible:bg-brand-600 group-active:bg-brand-600" />
    </div>
  );
}

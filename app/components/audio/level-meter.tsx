import { useEffect, useRef } from "react";

/**
 * A live level bar, redrawn every animation frame straight into the DOM so
 * the page does not re-render sixty times a second. The <meter> element gives
 * screen readers the value on demand without announcing every change.
 */
export function LevelMeter({ read, label, testId }: { read: () => number; label: string; testId?: string }) {
  const meter = useRef<HTMLMeterElement>(null);
  const reader = useRef(read);
  reader.current = read;

  useEffect(() => {
    let frame = 0;
    const draw = () => {
      if (meter.current) meter.current.value = Math.round(reader.current() * 100) / 100;
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, []);

  return <meter ref={meter} className="level-meter" min={0} max={1} low={0.35} high={0.9} optimum={0.5} value={0} aria-label={label} data-testid={testId} />;
}

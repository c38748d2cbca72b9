import { useEffect, useState, type ComponentType } from "react";

/**
 * The debrief board's code is fetched only when a screen reaches the plenary:
 * it needs the live socket and the Yjs document anyway (nothing to render on
 * the server), and most of a workshop is spent before it, so the console's
 * and the phones' first load stay small. Until it arrives, a short notice.
 */
export function lazyBoard<P extends object>(load: () => Promise<ComponentType<P>>) {
  return function LazyBoard(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(null);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      let live = true;
      load().then(
        (loaded) => live && setComponent(() => loaded),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, []);
    if (Component) return <Component {...props} />;
    return (
      <p className={failed ? "alert error" : "muted"} role={failed ? "alert" : "status"}>
        {failed ? "The debrief board could not be loaded. Check the connection and reload the page." : "Opening the debrief board…"}
      </p>
    );
  };
}

export const FacilitatorBoard = lazyBoard(() => import("./facilitator-board").then((m) => m.FacilitatorBoard));
export const ParticipantBoard = lazyBoard(() => import("./participant-board").then((m) => m.ParticipantBoard));
export const PresenterBoard = lazyBoard(() => import("./presenter-board").then((m) => m.PresenterBoard));

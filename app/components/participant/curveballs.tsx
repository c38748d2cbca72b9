import { useEffect, useRef, useState } from "react";
import type { ParticipantGroupView } from "../../../server/domain/workshop/views";

type Curveball = ParticipantGroupView["curveballs"][number];

/**
 * The curveballs the facilitator sent to this group, newest first. Cards
 * that arrive while the page is open get a short highlight.
 */
export function CurveballCards({ curveballs, afterwards = false }: { curveballs: Curveball[]; afterwards?: boolean }) {
  const seenAtMount = useRef<Set<string> | null>(null);
  if (seenAtMount.current === null) seenAtMount.current = new Set(curveballs.map((c) => c.id));
  if (curveballs.length === 0) return null;
  const newestFirst = [...curveballs].sort((a, b) => b.at - a.at);
  return (
    <section className="p-curveball-section" aria-labelledby="curveballs-heading">
      <h2 id="curveballs-heading">
        {curveballs.length === 1 ? "Curveball" : "Curveballs"} {afterwards ? "this round" : "from the facilitator"}
      </h2>
      <ul className="p-curveball-cards">
        {newestFirst.map((c) => (
          <li key={c.id} className={`p-curveball-card ${seenAtMount.current?.has(c.id) ? "" : "is-new"}`} data-testid="curveball-card">
            <h3>{c.title}</h3>
            {c.text ? <p>{c.text}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Says each newly arrived curveball to screen readers. It stays mounted for
 * the whole session, so the live region exists before anything lands in it;
 * curveballs already there when the page loads are not read out again.
 */
export function CurveballAnnouncer({ curveballs }: { curveballs: Curveball[] }) {
  const known = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState("");
  useEffect(() => {
    if (known.current === null) {
      known.current = new Set(curveballs.map((c) => c.id));
      return;
    }
    const fresh = curveballs.filter((c) => !known.current!.has(c.id));
    for (const c of curveballs) known.current.add(c.id);
    // A new round clears the group's curveballs; forget them so they can come again.
    for (const id of [...known.current]) if (!curveballs.some((c) => c.id === id)) known.current.delete(id);
    if (fresh.length > 0) setMessage(fresh.map((c) => `New curveball: ${c.title}. ${c.text}`).join(" "));
  }, [curveballs]);
  return (
    <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="curveball-announcer">
      {message}
    </div>
  );
}

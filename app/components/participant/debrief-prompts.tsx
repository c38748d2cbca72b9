/** Questions for the room debrief, in the order a good debrief takes them. */
export function DebriefPrompts() {
  return (
    <section className="card p-debrief-prompts" aria-labelledby="debrief-prompts-heading" data-testid="debrief-prompts">
      <h2 id="debrief-prompts-heading">Talk it through</h2>
      <p className="muted">Performers speak first, then observers. Step out of the role before you start.</p>
      <ol className="p-prompts">
        <li>
          <h3>What worked?</h3>
          <p>Name one moment where the staff member helped — word for word if you can remember it.</p>
        </li>
        <li>
          <h3>What would you try next time?</h3>
          <p>One thing to do differently, and why it would land better for this patient.</p>
        </li>
        <li>
          <h3>One phrase swap</h3>
          <p>A line that landed badly, and a better line with the same facts.</p>
          <p className="p-swap-example">
            <span className="p-swap-before">“That&apos;s just your copay.”</span>
            <span className="p-swap-arrow" aria-hidden="true">
              →
            </span>
            <span className="visually-hidden"> could become </span>
            <span className="p-swap-after">“Today&apos;s copay is $40. You can pay now or we can send a bill — which suits you?”</span>
          </p>
        </li>
      </ol>
      <p className="muted">Hard moments that went well are worth as much talk as the ones that went badly.</p>
    </section>
  );
}

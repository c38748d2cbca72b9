import { useId, useState } from "react";
import { CARD_KIND_LABELS, CARD_TEXT_MAX, OWN_CARD_KINDS, type OwnCardKind } from "../../../server/domain/board";
import type { RunBoardCommand } from "~/board/use-board";

const PLACEHOLDERS: Record<OwnCardKind, string> = {
  worked: "Saying the amount first, then the options",
  try: "Offer the payment plan before they have to ask",
  swap: "Your visit today is $40; you can pay now or set up a plan",
};

/** A card of one's own: what worked, what I would try, or a phrase swap (the line to drop and the better one). */
export function AddCardForm({ run }: { run: RunBoardCommand }) {
  const id = useId();
  const [kind, setKind] = useState<OwnCardKind>("worked");
  const [text, setText] = useState("");
  const [insteadOf, setInsteadOf] = useState("");
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="add-card stack"
      aria-labelledby={`${id}-heading`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const added = await run({ type: "addCard", kind, text, insteadOf: kind === "swap" ? insteadOf : null }, "Your card is on the board.");
        setBusy(false);
        if (added) {
          setText("");
          setInsteadOf("");
        }
      }}
    >
      <h3 id={`${id}-heading`}>Add a card</h3>
      <fieldset className="kind-choice">
        <legend>Kind of card</legend>
        {OWN_CARD_KINDS.map((k) => (
          <label key={k} className="radio">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {CARD_KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      {kind === "swap" ? (
        <div className="field">
          <label htmlFor={`${id}-instead`}>Instead of saying</label>
          <input id={`${id}-instead`} value={insteadOf} maxLength={CARD_TEXT_MAX} required onChange={(e) => setInsteadOf(e.target.value)} placeholder="That's just your copay" />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-text`}>{kind === "swap" ? "Say" : CARD_KIND_LABELS[kind]}</label>
        <textarea id={`${id}-text`} rows={2} value={text} maxLength={CARD_TEXT_MAX} required onChange={(e) => setText(e.target.value)} placeholder={PLACEHOLDERS[kind]} />
      </div>
      <button type="submit" className="button" disabled={busy || !text.trim() || (kind === "swap" && !insteadOf.trim())}>
        Put it on the board
      </button>
    </form>
  );
}

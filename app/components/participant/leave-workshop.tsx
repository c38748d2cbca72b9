import { Form, useSubmit } from "@remix-run/react";
import { useRef, useState } from "react";
import { ConfirmDialog } from "~/components/confirm-dialog";

/**
 * Leaving posts the page's form (intent=leave), so it also works before the
 * scripts load; with scripts, a confirm dialog comes first.
 */
export function LeaveWorkshop({ inGroup }: { inGroup: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  return (
    <div className="p-leave-area">
      <Form
        method="post"
        ref={form}
        onSubmit={(event) => {
          event.preventDefault();
          setConfirming(true);
        }}
      >
        <input type="hidden" name="intent" value="leave" />
        <button type="submit" className="button secondary p-leave-button">
          Leave workshop
        </button>
      </Form>
      <ConfirmDialog
        open={confirming}
        title="Leave this workshop?"
        confirmLabel="Leave workshop"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          if (form.current) submit(form.current, { method: "post" });
        }}
      >
        <p>
          {inGroup
            ? "Your group carries on without you, and the facilitator can give your part to someone else."
            : "You will leave the lobby."}
        </p>
        <p>To come back later, join again with the room code.</p>
      </ConfirmDialog>
    </div>
  );
}

import { useState } from "react";
import { THEME_TITLE_MAX, type BoardTheme } from "../../../server/domain/board";
import type { RunBoardCommand } from "~/board/use-board";

/** The facilitator's themes: add, rename, remove (cards in a removed theme go back to "not grouped"). */
export function ThemeManager({ themes, run }: { themes: BoardTheme[]; run: RunBoardCommand }) {
  const [title, setTitle] = useState("");
  return (
    <section className="theme-manager" aria-labelledby="themes-heading">
      <h3 id="themes-heading">Themes</h3>
      {themes.length > 0 ? (
        <ul className="theme-list">
          {themes.map((theme) => (
            <ThemeRow key={theme.id} theme={theme} run={run} />
          ))}
        </ul>
      ) : (
        <p className="muted">No themes yet. Name the patterns you see, then sort cards into them.</p>
      )}
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await run({ type: "addTheme", title }, `Theme “${title.trim()}” added.`)) setTitle("");
        }}
      >
        <div className="field grow">
          <label htmlFor="new-theme">New theme</label>
          <input id="new-theme" value={title} maxLength={THEME_TITLE_MAX} onChange={(e) => setTitle(e.target.value)} placeholder="Saying the money out loud" />
        </div>
        <button type="submit" className="button secondary" disabled={!title.trim()}>
          Add theme
        </button>
      </form>
    </section>
  );
}

function ThemeRow({ theme, run }: { theme: BoardTheme; run: RunBoardCommand }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(theme.title);
  if (editing) {
    return (
      <li>
        <form
          className="row"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await run({ type: "renameTheme", themeId: theme.id, title })) setEditing(false);
          }}
        >
          <div className="field grow">
            <label htmlFor={`rename-${theme.id}`}>Rename “{theme.title}”</label>
            <input id={`rename-${theme.id}`} value={title} maxLength={THEME_TITLE_MAX} onChange={(e) => setTitle(e.target.value)} autoFocus />
          </div>
          <button type="submit" className="button small">
            Save
          </button>
          <button type="button" className="button small secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className="row">
      <strong>{theme.title}</strong>
      <button type="button" className="button small link" onClick={() => setEditing(true)}>
        Rename<span className="visually-hidden"> {theme.title}</span>
      </button>
      <button type="button" className="button small link" onClick={() => run({ type: "removeTheme", themeId: theme.id }, `Theme “${theme.title}” removed; its cards are ungrouped.`)}>
        Remove<span className="visually-hidden"> {theme.title}</span>
      </button>
    </li>
  );
}

import { Form, Link } from "@remix-run/react";

/** Header for facilitator pages; participants get a lighter one. */
export function SiteHeader({ facilitatorName }: { facilitatorName?: string | null }) {
  return (
    <header className="site-header">
      <Link to={facilitatorName ? "/dashboard" : "/"} className="brand">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        Rolecall
      </Link>
      {facilitatorName ? (
        <nav className="site-nav" aria-label="Facilitator">
          <Link to="/dashboard">Workshops</Link>
          <Link to="/scenarios">Scenarios</Link>
          <Link to="/trends">Trends</Link>
          <Link to="/facilitators">Facilitators</Link>
          <span className="muted">Signed in as {facilitatorName}</span>
          <Form method="post" action="/logout">
            <button type="submit" className="button secondary small">
              Sign out
            </button>
          </Form>
        </nav>
      ) : null}
    </header>
  );
}

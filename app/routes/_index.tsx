import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getFacilitator } from "~/utils/auth.server";
import { SiteHeader } from "~/components/site-header";

export const meta: MetaFunction = () => [{ title: "Rolecall — live role-play training" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.services.auth.needsSetup()) throw redirect("/setup");
  if (await getFacilitator(request, context)) throw redirect("/dashboard");
  return null;
}

export default function Index() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="page">
        <section className="hero">
          <h1>Practise the hard conversations</h1>
          <p className="lead">Live role-play for front-desk and patient-access teams: act it out in small groups, score it together, talk it through.</p>
          <div className="choices">
            <div className="card stack">
              <h2>Taking part?</h2>
              <p>Enter the room code your facilitator shows you. No account needed.</p>
              <Link className="button big" to="/join">
                Join a workshop
              </Link>
            </div>
            <div className="card stack">
              <h2>Running a workshop?</h2>
              <p>Sign in to plan workshops, form groups and see every room.</p>
              <Link className="button secondary big" to="/login">
                Facilitator sign in
              </Link>
            </div>
          </div>
        </section>
      </main>
    </>
  );
}

/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
/// <reference types="@remix-run/react" />
import type { RolecallLoadContext } from "./server/http/load-context";

// Loaders and actions get the services the sockets use (see server/app.ts).
declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends RolecallLoadContext {}
}
declare module "@remix-run/node" {
  interface AppLoadContext extends RolecallLoadContext {}
}

/**
 * How long a facilitator stays signed in. Its own module, with no imports, so
 * the cookie definitions (which pages load) do not pull the auth service, zod
 * and the rate limiter into the browser's bundles.
 */
export const SESSION_DAYS = 14;
export const SESSION_MAX_AGE_SECONDS = SESSION_DAYS * 86_400;

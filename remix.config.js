/**
 * Remix v2 classic compiler. The server build is imported by server/app.ts,
 * which owns the HTTP server (socket.io and Yjs share its port).
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  appDirectory: "app",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  serverBuildPath: "build/index.js",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  ignoredRouteFiles: ["**/.*", "**/*.test.ts", "**/*.test.tsx"],
  // Packages that ship only ESM need bundling into the server build.
  serverDependenciesToBundle: [],
  browserNodeBuiltinsPolyfill: { modules: {} },
  // Opt in to React Router v7 behaviour early. Single fetch stays off: our
  // loaders return json() and the upgrade is a separate, deliberate step.
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};

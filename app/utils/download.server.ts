/** A file download: `attachment`, an ASCII filename and its RFC 5987 twin, never cached. */
export function downloadResponse(body: string, filename: string, contentType: string): Response {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      // Scores are personal data: keep them out of shared caches and the back/forward cache.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

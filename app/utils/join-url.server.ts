import type { AppLoadContext } from "@remix-run/node";
import QRCode from "qrcode";

/** The address people type or scan: PUBLIC_URL when set, else this request's origin. */
export function joinUrlFor(request: Request, context: AppLoadContext, code: string): string {
  const origin = context.env.publicUrl ? new URL(context.env.publicUrl).origin : new URL(request.url).origin;
  return `${origin}/join?code=${code}`;
}

/** True when phones on the network could not reach the join link. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "::1" || host === "[::1]" || host.startsWith("127.");
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

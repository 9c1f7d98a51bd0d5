/**
 * The code travels in the URL fragment (`#code=` then base64url of its UTF-8), so a link
 * reproduces a check and the code never reaches a server.
 */
const PREFIX = '#code=';

export function encodeFragment(code: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(code)) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The code in a fragment, or undefined when it holds none (or garbage). */
export function decodeFragment(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const binary = atob(hash.slice(PREFIX.length).replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

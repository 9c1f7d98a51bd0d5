/** `--tls` and `--tls-ca FILE` of `server` and `matrix`, taken out before the shared options. */
import { UsageError } from './usage.js';

export interface TlsChoice {
  /** The CA of an https:// URL (--tls-ca); absent for a preset or --cmd (a throwaway CA). */
  ca?: string;
}

export function takeTlsOptions(argv: readonly string[]): { tls?: TlsChoice; rest: string[] } {
  const rest: string[] = [];
  let on = false;
  let ca: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--tls') on = true;
    else if (a === '--tls-ca' || a.startsWith('--tls-ca=')) {
      ca = a === '--tls-ca' ? argv[++i] : a.slice('--tls-ca='.length);
      if (!ca || ca.startsWith('--')) {
        throw new UsageError("--tls-ca takes the PEM file of the CA that signed the server's certificate");
      }
    } else rest.push(a);
  }
  return on || ca !== undefined ? { tls: ca === undefined ? {} : { ca }, rest } : { rest };
}

/** The options to repeat in a re-run command. */
export function tlsFlags(tls: TlsChoice | undefined): string {
  return !tls ? '' : tls.ca ? ` --tls-ca ${tls.ca}` : ' --tls';
}

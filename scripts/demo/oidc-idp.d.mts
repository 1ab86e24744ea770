// Types for oidc-idp.mjs (the demo OpenID Provider).
export interface DemoIdpOptions {
  /** Default 3001; 0 picks a free port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default `http://localhost:${port}`. */
  issuer?: string;
  /** The portal's base URL for redirect URIs; default "http://localhost:3000". */
  portalUrl?: string;
  /** Ask for credentials on every authorization request (no silent SSO); default true. */
  forceLogin?: boolean;
  /** Access log and errors; without it errors go to stderr. */
  log?: (msg: string) => void;
}

export interface DemoIdp {
  issuer: string;
  port: number;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

export function startDemoIdp(options?: DemoIdpOptions): Promise<DemoIdp>;

export interface EmbeddedServer {
  serverUrl: string;
  urlFor(db: string): string;
  stop(): Promise<void>;
  reused: boolean;
}
export function startEmbeddedPostgres(options: { dir: string; port: number; log?: (msg: string) => void }): Promise<EmbeddedServer>;
export function createDatabaseIfMissing(serverUrl: string, database: string, template?: string): Promise<boolean>;
export function stopLeftoverPostgres(dir: string): Promise<void>;

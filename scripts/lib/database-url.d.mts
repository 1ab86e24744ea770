export const dataDir: string;
export function openDatabase(options?: { log?: (msg: string) => void }): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }>;
export function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T>;

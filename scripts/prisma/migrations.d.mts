export const schemaPath: string;
export const migrationsDir: string;
export function applyMigrations(url: string): Promise<string[]>;
export function pendingSchemaChanges(url: string): Promise<string>;
export function createMigration(url: string, name: string): Promise<string | null>;

/** What the organization mutations return. */
export interface OrganizationRecord {
  id: string;
  name: string;
  parentId: string | null;
  key: string | null;
}

export const ORGANIZATION_SELECT = { id: true, name: true, parentId: true, key: true } as const;

/** What the project mutations return. */
export interface ProjectRecord {
  id: string;
  name: string;
  organizationId: string;
}

export const PROJECT_SELECT = { id: true, name: true, organizationId: true } as const;

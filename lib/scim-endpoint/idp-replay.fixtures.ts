// Request bodies exactly as Microsoft Entra ID and Okta send them, replayed over HTTP by entra-replay.int.test.ts
// and okta-replay.int.test.ts. Sources: Microsoft Learn, "Tutorial: Develop and plan provisioning for a SCIM
// endpoint in Microsoft Entra ID" (its request/response examples) and "Known issues and resolutions with SCIM 2.0
// protocol compliance of the Microsoft Entra user provisioning service" (with and without the aadOptscim062020
// flag); Okta Developer, "SCIM 2.0 protocol reference" and "Test your SCIM API" (Runscope spec); summarised in
// notes/idp-wire.md. Only ids, names and values are parameters; the shapes are the IdPs'.

export const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

type Body = Record<string, unknown>;
type Operation = { op: string; path?: string; value?: unknown };

export const patchOf = (...operations: Operation[]): Body => ({ schemas: [PATCH_OP], Operations: operations });

// ---------------------------------------------------------------------------------------------------------------
// Microsoft Entra ID
// ---------------------------------------------------------------------------------------------------------------

export const entra = {
  /**
   * "Create User" request of the Entra SCIM tutorial: core + Enterprise schemas, externalId, a work primary email,
   * name, `roles: []` and `meta.resourceType` in the body.
   */
  createUser: (userName: string, externalId: string, email: string): Body => ({
    schemas: [CORE_USER, ENTERPRISE_USER],
    externalId,
    userName,
    active: true,
    emails: [{ primary: true, type: "work", value: email }],
    meta: { resourceType: "User" },
    name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
    roles: [],
  }),

  /**
   * "Update User [Multi-valued properties]" and the attribute updates of a default (flag-less) tenant: capitalised
   * op names, one operation per attribute, value paths with filters, sub-attribute paths.
   */
  updateUserNoFlag: (email: string, familyName: string, street: string, managerId: string): Body =>
    patchOf(
      { op: "Replace", path: 'emails[type eq "work"].value', value: email },
      { op: "Replace", path: "name.familyName", value: familyName },
      // One address, built from one operation per sub-attribute (Entra's default attribute mappings).
      { op: "Add", path: 'addresses[type eq "work"].streetAddress', value: street },
      { op: "Add", path: 'addresses[type eq "work"].locality', value: "Redmond" },
      { op: "Add", path: 'addresses[type eq "work"].postalCode', value: "98052" },
      { op: "Add", path: 'addresses[type eq "work"].country', value: "US" },
      { op: "Add", path: 'phoneNumbers[type eq "work"].value', value: "+1 425 555 0100" },
      { op: "Add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 425 555 0199" },
      // Known-issues doc: the manager reference arrives as the bare id, not {"value": id}.
      { op: "Add", path: `${ENTERPRISE_USER}:manager`, value: managerId },
      { op: "Replace", path: "displayName", value: `${familyName} Display` },
      // App role assignments (AppRoleAssignmentsComplex): "primary" as the string "True".
      { op: "Add", path: "roles", value: [{ primary: "True", type: "WindowsAzureActiveDirectoryRole", value: "Admin" }] },
    ),

  /** Known-issues doc, "Disable user" without the flag: the boolean arrives as the string "False". */
  disableUserNoFlag: (): Body => patchOf({ op: "Replace", path: "active", value: "False" }),

  /** The same, to re-enable ("True"). */
  enableUserNoFlag: (): Body => patchOf({ op: "Replace", path: "active", value: "True" }),

  /** Known-issues doc, "Remove an attribute" without the flag. */
  removeAttributeNoFlag: (path: string): Body => patchOf({ op: "Remove", path }),

  /**
   * Known-issues doc, "Requests to replace multiple attributes" with aadOptscim062020: one lower-case path-less
   * replace whose value object uses dotted and URN-qualified keys, and real booleans.
   */
  updateUserWithFlag: (givenName: string, employeeNumber: string, department: string, active: boolean, managerId: string): Body =>
    patchOf({
      op: "replace",
      value: {
        "name.givenName": givenName,
        [`${ENTERPRISE_USER}:employeeNumber`]: employeeNumber,
        [`${ENTERPRISE_USER}:department`]: department,
        [`${ENTERPRISE_USER}:manager`]: managerId,
        'emails[type eq "work"].value': "flagged@contoso.com",
        active,
      },
    }),

  /** Known-issues doc, "Add a single-valued attribute" with the flag: path-less lower-case add. */
  addAttributeWithFlag: (nickName: string): Body => patchOf({ op: "add", value: { nickName } }),

  /** "Create Group" request of the tutorial: lists a Microsoft schema URN of its own. */
  createGroup: (displayName: string, externalId: string): Body => ({
    schemas: [CORE_GROUP, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
    externalId,
    displayName,
    meta: { resourceType: "Group" },
  }),

  /** "Update Group [Add Members]": capitalised Add, members as [{value}], sometimes with "$ref": null. */
  addMembers: (ids: string[], withNullRef = false): Body =>
    patchOf({ op: "Add", path: "members", value: ids.map((value) => (withNullRef ? { $ref: null, value } : { value })) }),

  /**
   * "Update Group [Remove Members]" without the flag: the member to remove is in "value". A server that ignores the
   * value and clears `members` empties the whole group (the well-known outage).
   */
  removeMembersNoFlag: (ids: string[]): Body => patchOf({ op: "Remove", path: "members", value: ids.map((value) => ({ value })) }),

  /** Known-issues doc, "Remove a group member" with the flag: a filter in the path, no value. */
  removeMemberWithFlag: (id: string): Body => patchOf({ op: "remove", path: `members[value eq "${id}"]` }),

  /** Group rename without the flag. */
  renameGroup: (displayName: string): Body => patchOf({ op: "Replace", path: "displayName", value: displayName }),
};

// ---------------------------------------------------------------------------------------------------------------
// Okta
// ---------------------------------------------------------------------------------------------------------------

export const okta = {
  /** "Create the user" of Okta's SCIM 2.0 reference (sent as application/json, with a password and groups: []). */
  createUser: (userName: string, givenName: string, familyName: string, externalId: string): Body => ({
    schemas: [CORE_USER],
    userName,
    name: { givenName, familyName },
    emails: [{ primary: true, value: userName, type: "work" }],
    displayName: `${givenName} ${familyName}`,
    locale: "en-US",
    externalId,
    groups: [],
    password: "1mz050nq",
    active: true,
  }),

  /**
   * "Update a specific user (PUT)": the whole user, echoing id, meta and groups back; wizard-made apps deactivate
   * with active: false in such a PUT.
   */
  replaceUser: (id: string, userName: string, givenName: string, familyName: string, externalId: string, active: boolean): Body => ({
    schemas: [CORE_USER],
    id,
    userName,
    name: { givenName, familyName },
    emails: [{ primary: true, value: userName, type: "work" }],
    displayName: `${givenName} ${familyName}`,
    locale: "en-US",
    externalId,
    groups: [],
    active,
    meta: { resourceType: "User", created: "2024-01-05T10:00:00.000Z", lastModified: "2024-01-05T10:00:00.000Z" },
  }),

  /** "Deactivate a user" for gallery apps: a path-less PATCH replace with a real boolean. */
  deactivateUser: (): Body => patchOf({ op: "replace", value: { active: false } }),

  /** "Create Groups" (push groups). */
  createGroup: (displayName: string): Body => ({ schemas: [CORE_GROUP], displayName, members: [] }),

  /** "Update Group Name": path-less replace that echoes the group id in the value (readOnly, ignored). */
  renameGroup: (id: string, displayName: string): Body => patchOf({ op: "replace", value: { id, displayName } }),

  /** "Update Group Membership": add. */
  addMembers: (members: { value: string; display: string }[]): Body => patchOf({ op: "add", path: "members", value: members }),

  /** "Update Group Membership": remove by a filter in the path. */
  removeMember: (id: string): Body => patchOf({ op: "remove", path: `members[value eq "${id}"]` }),

  /** Replace of the entire member list. */
  replaceMembers: (members: { value: string; display: string }[]): Body => patchOf({ op: "replace", path: "members", value: members }),

  /** PUT of the whole group with its members. */
  replaceGroup: (id: string, displayName: string, members: { value: string; display: string }[]): Body => ({
    schemas: [CORE_GROUP],
    id,
    displayName,
    members,
  }),
};

// PATCH requests as RFC 7644 §3.5.2 shows them and as Microsoft Entra ID (with and without the
// aadOptscim062020 flag) and Okta send them (notes/idp-wire.md), each with the stored resource before and the
// expected result. Replayed by engine.test.ts.
import type { ResourceTypeName } from "../schema/registry";
import type { MemberOp, StoredResource } from "./types";

export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

export interface PatchFixture {
  name: string;
  source: "RFC 7644" | "Entra" | "Entra (aadOptscim062020)" | "Okta";
  resourceType: ResourceTypeName;
  before: StoredResource;
  body: unknown;
  after: StoredResource;
  memberOps: MemberOp[];
}

const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** RFC 7643 §8.2's Barbara Jensen (stored shape, abridged). */
export function bjensen(): StoredResource {
  return {
    userName: "bjensen@example.com",
    externalId: "701984",
    name: { familyName: "Jensen", givenName: "Barbara" },
    nickName: "Babs",
    emails: [
      { value: "bjensen@example.com", type: "work", primary: true },
      { value: "babs@jensen.org", type: "home" },
    ],
    addresses: [
      { type: "work", streetAddress: "100 Universal City Plaza", locality: "Hollywood", region: "CA", postalCode: "91608", country: "USA", primary: true },
      { type: "home", streetAddress: "456 Hollywood Blvd", locality: "Hollywood", region: "CA", postalCode: "91608", country: "USA" },
    ],
    active: true,
  };
}

/** A user as Entra creates it (stored shape). */
export function entraUser(): StoredResource {
  return {
    userName: "Test_User_ab6490ee@contoso.com",
    externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    active: true,
    displayName: "Test User",
    name: { formatted: "Test User", familyName: "User", givenName: "Test" },
    emails: [{ value: "test.user@contoso.com", type: "work", primary: true }],
    [ENTERPRISE]: { employeeNumber: "1234", department: "Sales" },
  };
}

export function group(): StoredResource {
  return { displayName: "Tour Guides", externalId: "8aa1a0c0" };
}

const BABS = "2819c223-7f76-453a-919d-413861904646";
const MANDY = "902c246b-6245-4190-8e05-00816be7344a";
const JAMES = "08e1d05d-121c-4561-8b96-473d93df9210";

export const PATCH_FIXTURES: PatchFixture[] = [
  // ---- RFC 7644 §3.5.2 -------------------------------------------------------------------------------------
  {
    name: "§3.5.2.1 add a member",
    source: "RFC 7644",
    resourceType: "Group",
    before: group(),
    body: body({ op: "add", path: "members", value: [{ display: "Babs Jensen", $ref: `https://example.com/v2/Users/${BABS}`, value: BABS }] }),
    after: group(),
    memberOps: [{ kind: "add", members: [{ value: BABS, display: "Babs Jensen" }] }],
  },
  {
    name: "§3.5.2.1 path-less add of an email and a nickname",
    source: "RFC 7644",
    resourceType: "User",
    before: { ...bjensen(), emails: [{ value: "bjensen@example.com", type: "work", primary: true }], nickName: undefined },
    body: body({ op: "add", value: { emails: [{ value: "babs@jensen.org", type: "home" }], nickname: "Babs" } }),
    after: { ...bjensen(), emails: bjensen().emails, nickName: "Babs" },
    memberOps: [],
  },
  {
    name: "§3.5.2.2 remove one member",
    source: "RFC 7644",
    resourceType: "Group",
    before: group(),
    body: body({ op: "remove", path: `members[value eq "${BABS}"]` }),
    after: group(),
    memberOps: [{ kind: "remove", values: [BABS] }],
  },
  {
    name: "§3.5.2.2 remove all members",
    source: "RFC 7644",
    resourceType: "Group",
    before: group(),
    body: body({ op: "remove", path: "members" }),
    after: group(),
    memberOps: [{ kind: "removeAll" }],
  },
  {
    name: "§3.5.2.2 remove by a filter on sub-attributes",
    source: "RFC 7644",
    resourceType: "User",
    before: { ...bjensen(), emails: [{ value: "bjensen@example.com", type: "work" }, { value: "babs@jensen.org", type: "home" }] },
    body: body({ op: "remove", path: 'emails[type eq "work" and value ew "example.com"]' }),
    after: { ...bjensen(), emails: [{ value: "babs@jensen.org", type: "home" }] },
    memberOps: [],
  },
  {
    name: "§3.5.2.2 remove all members, then add two",
    source: "RFC 7644",
    resourceType: "Group",
    before: group(),
    body: body(
      { op: "remove", path: "members" },
      {
        op: "add",
        path: "members",
        value: [
          { display: "Babs Jensen", $ref: `https://example.com/v2/Users/${BABS}`, value: BABS },
          { display: "James Smith", $ref: `https://example.com/v2/Users/${JAMES}`, value: JAMES },
        ],
      },
    ),
    after: group(),
    memberOps: [
      { kind: "removeAll" },
      { kind: "add", members: [{ value: BABS, display: "Babs Jensen" }, { value: JAMES, display: "James Smith" }] },
    ],
  },
  {
    name: "§3.5.2.3 replace all members",
    source: "RFC 7644",
    resourceType: "Group",
    before: group(),
    body: body({
      op: "replace",
      path: "members",
      value: [
        { display: "Babs Jensen", $ref: `https://example.com/v2/Users/${BABS}`, value: BABS },
        { display: "James Smith", $ref: `https://example.com/v2/Users/${JAMES}`, value: JAMES },
      ],
    }),
    after: group(),
    memberOps: [{ kind: "replace", members: [{ value: BABS, display: "Babs Jensen" }, { value: JAMES, display: "James Smith" }] }],
  },
  {
    name: "§3.5.2.3 replace the work address",
    source: "RFC 7644",
    resourceType: "User",
    before: bjensen(),
    body: body({
      op: "replace",
      path: 'addresses[type eq "work"]',
      value: {
        type: "work",
        streetAddress: "911 Universal City Plaza",
        locality: "Hollywood",
        region: "CA",
        postalCode: "91608",
        country: "US",
        formatted: "911 Universal City Plaza\nHollywood, CA 91608 US",
        primary: true,
      },
    }),
    after: {
      ...bjensen(),
      addresses: [
        {
          type: "work",
          streetAddress: "911 Universal City Plaza",
          locality: "Hollywood",
          region: "CA",
          postalCode: "91608",
          country: "US",
          formatted: "911 Universal City Plaza\nHollywood, CA 91608 US",
          primary: true,
        },
        (bjensen().addresses as unknown[])[1],
      ],
    },
    memberOps: [],
  },
  {
    name: "§3.5.2.3 replace the work address's streetAddress",
    source: "RFC 7644",
    resourceType: "User",
    before: bjensen(),
    body: body({ op: "replace", path: 'addresses[type eq "work"].streetAddress', value: "1010 Broadway Ave" }),
    after: {
      ...bjensen(),
      addresses: [{ ...((bjensen().addresses as unknown[])[0] as object), streetAddress: "1010 Broadway Ave" }, (bjensen().addresses as unknown[])[1]],
    },
    memberOps: [],
  },
  {
    name: "§3.5.2.3 path-less replace of emails and nickName",
    source: "RFC 7644",
    resourceType: "User",
    before: bjensen(),
    body: body({
      op: "replace",
      value: {
        emails: [
          { value: "bjensen@example.com", type: "work", primary: true },
          { value: "babs@jensen.org", type: "home" },
        ],
        nickName: "Babs",
      },
    }),
    after: bjensen(),
    memberOps: [],
  },

  // ---- Entra without aadOptscim062020 ----------------------------------------------------------------------
  {
    name: "disable with a string boolean",
    source: "Entra",
    resourceType: "User",
    before: entraUser(),
    body: body({ op: "Replace", path: "active", value: "False" }),
    after: { ...entraUser(), active: false },
    memberOps: [],
  },
  {
    name: "replace the work email and the family name",
    source: "Entra",
    resourceType: "User",
    before: entraUser(),
    body: body(
      { op: "Replace", path: 'emails[type eq "work"].value', value: "updated@contoso.com" },
      { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
    ),
    after: { ...entraUser(), emails: [{ value: "updated@contoso.com", type: "work", primary: true }], name: { formatted: "Test User", familyName: "updatedFamilyName", givenName: "Test" } },
    memberOps: [],
  },
  {
    name: "add a work address's streetAddress to a user without addresses",
    source: "Entra",
    resourceType: "User",
    before: entraUser(),
    body: body({ op: "Add", path: 'addresses[type eq "work"].streetAddress', value: "1 Microsoft Way" }),
    after: { ...entraUser(), addresses: [{ type: "work", streetAddress: "1 Microsoft Way" }] },
    memberOps: [],
  },
  {
    name: "replace the work email of a user without one",
    source: "Entra",
    resourceType: "User",
    before: { ...entraUser(), emails: [{ value: "home@example.com", type: "home" }] },
    body: body({ op: "Replace", path: 'emails[type eq "work"].value', value: "work@contoso.com" }),
    after: { ...entraUser(), emails: [{ value: "home@example.com", type: "home" }, { type: "work", value: "work@contoso.com" }] },
    memberOps: [],
  },
  {
    name: "set the manager by id",
    source: "Entra",
    resourceType: "User",
    before: entraUser(),
    body: body({ op: "Add", path: `${ENTERPRISE}:manager`, value: "26118915-6090-4610-87e4-49d8ca9f808d" }),
    after: { ...entraUser(), [ENTERPRISE]: { employeeNumber: "1234", department: "Sales", manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } } },
    memberOps: [],
  },
  {
    name: "remove the manager",
    source: "Entra",
    resourceType: "User",
    before: { ...entraUser(), [ENTERPRISE]: { employeeNumber: "1234", manager: { value: "26118915" } } },
    body: body({ op: "Remove", path: `${ENTERPRISE}:manager` }),
    after: { ...entraUser(), [ENTERPRISE]: { employeeNumber: "1234" } },
    memberOps: [],
  },
  {
    name: "replace single-valued attributes, one of them an extension attribute",
    source: "Entra",
    resourceType: "User",
    before: entraUser(),
    body: body(
      { op: "Replace", path: "userName", value: "5b50642d@testuser.com" },
      { op: "Replace", path: `${ENTERPRISE}:department`, value: "Marketing" },
      { op: "Add", path: "title", value: "Engineer" },
      { op: "Add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 555 0100" },
    ),
    after: {
      ...entraUser(),
      userName: "5b50642d@testuser.com",
      title: "Engineer",
      phoneNumbers: [{ type: "mobile", value: "+1 555 0100" }],
      [ENTERPRISE]: { employeeNumber: "1234", department: "Marketing" },
    },
    memberOps: [],
  },
  {
    name: "add a member (with $ref: null)",
    source: "Entra",
    resourceType: "Group",
    before: group(),
    body: body({ op: "Add", path: "members", value: [{ $ref: null, value: BABS }] }),
    after: group(),
    memberOps: [{ kind: "add", members: [{ value: BABS }] }],
  },
  {
    name: "remove a member by value: removes that member only",
    source: "Entra",
    resourceType: "Group",
    before: group(),
    body: body({ op: "Remove", path: "members", value: [{ $ref: null, value: MANDY }] }),
    after: group(),
    memberOps: [{ kind: "remove", values: [MANDY] }],
  },
  {
    name: "rename a group",
    source: "Entra",
    resourceType: "Group",
    before: group(),
    body: body({ op: "Replace", path: "displayName", value: "Tour Guides (updated)" }),
    after: { ...group(), displayName: "Tour Guides (updated)" },
    memberOps: [],
  },

  // ---- Entra with aadOptscim062020 -------------------------------------------------------------------------
  {
    name: "path-less replace with dotted and URN-qualified keys",
    source: "Entra (aadOptscim062020)",
    resourceType: "User",
    before: entraUser(),
    body: body({ op: "replace", value: { "name.givenName": "A", [`${ENTERPRISE}:employeeNumber`]: "1", active: false } }),
    after: { ...entraUser(), active: false, name: { formatted: "Test User", familyName: "User", givenName: "A" }, [ENTERPRISE]: { employeeNumber: "1", department: "Sales" } },
    memberOps: [],
  },
  {
    name: "path-less add with a value path key",
    source: "Entra (aadOptscim062020)",
    resourceType: "User",
    before: entraUser(),
    body: body({ op: "add", value: { 'emails[type eq "work"].value': "new@contoso.com", nickName: "T" } }),
    after: { ...entraUser(), nickName: "T", emails: [{ value: "new@contoso.com", type: "work", primary: true }] },
    memberOps: [],
  },
  {
    name: "disable with a real boolean",
    source: "Entra (aadOptscim062020)",
    resourceType: "User",
    before: entraUser(),
    body: body({ op: "replace", path: "active", value: false }),
    after: { ...entraUser(), active: false },
    memberOps: [],
  },
  {
    name: "remove a member with a filter",
    source: "Entra (aadOptscim062020)",
    resourceType: "Group",
    before: group(),
    body: body({ op: "remove", path: `members[value eq "${MANDY}"]` }),
    after: group(),
    memberOps: [{ kind: "remove", values: [MANDY] }],
  },
  {
    name: "add members",
    source: "Entra (aadOptscim062020)",
    resourceType: "Group",
    before: group(),
    body: body({ op: "add", path: "members", value: [{ value: BABS }, { value: MANDY }] }),
    after: group(),
    memberOps: [{ kind: "add", members: [{ value: BABS }, { value: MANDY }] }],
  },

  // ---- Okta ------------------------------------------------------------------------------------------------
  {
    name: "deactivate (gallery apps)",
    source: "Okta",
    resourceType: "User",
    before: entraUser(),
    body: body({ op: "replace", value: { active: false } }),
    after: { ...entraUser(), active: false },
    memberOps: [],
  },
  {
    name: "rename a group (id echoed in the value)",
    source: "Okta",
    resourceType: "Group",
    before: group(),
    body: body({ op: "replace", value: { id: "abf4dd94-a4c0-4f67-89c9-76b03340cb9b", displayName: "Test SCIMv2" } }),
    after: { ...group(), displayName: "Test SCIMv2" },
    memberOps: [],
  },
  {
    name: "push members",
    source: "Okta",
    resourceType: "Group",
    before: group(),
    body: body({ op: "add", path: "members", value: [{ value: BABS, display: "test.user@okta.local" }] }),
    after: group(),
    memberOps: [{ kind: "add", members: [{ value: BABS, display: "test.user@okta.local" }] }],
  },
  {
    name: "remove a member",
    source: "Okta",
    resourceType: "Group",
    before: group(),
    body: body({ op: "remove", path: `members[value eq "${BABS}"]` }),
    after: group(),
    memberOps: [{ kind: "remove", values: [BABS] }],
  },
  {
    name: "replace the member list",
    source: "Okta",
    resourceType: "Group",
    before: group(),
    body: body({ op: "replace", path: "members", value: [{ value: BABS, display: "a" }, { value: MANDY, display: "b" }] }),
    after: group(),
    memberOps: [{ kind: "replace", members: [{ value: BABS, display: "a" }, { value: MANDY, display: "b" }] }],
  },
  {
    name: "rename and push in one request",
    source: "Okta",
    resourceType: "Group",
    before: group(),
    body: body({ op: "replace", value: { id: "abf4dd94", displayName: "Renamed" } }, { op: "add", path: "members", value: [{ value: JAMES }] }),
    after: { ...group(), displayName: "Renamed" },
    memberOps: [{ kind: "add", members: [{ value: JAMES }] }],
  },
];

// Filters as they appear in RFC 7644 and on the wire from Microsoft Entra ID and Okta (notes/idp-wire.md),
// each with the canonical form printFilter gives after parsing. Replayed by the parser and evaluator tests.
import type { ResourceTypeName } from "../schema/registry";

export interface FilterFixture {
  name: string;
  resourceType: ResourceTypeName;
  filter: string;
  /** printFilter(parseFilter(filter)). */
  canonical: string;
}

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** Every example filter of RFC 7644 §3.4.2.2, in the order the RFC lists them. */
export const RFC7644_EXAMPLES: FilterFixture[] = [
  { name: "eq", resourceType: "User", filter: 'userName eq "bjensen"', canonical: 'userName eq "bjensen"' },
  { name: "co on a sub-attribute", resourceType: "User", filter: `name.familyName co "O'Malley"`, canonical: `name.familyName co "O'Malley"` },
  { name: "sw", resourceType: "User", filter: 'userName sw "J"', canonical: 'userName sw "J"' },
  {
    name: "URN-qualified core attribute",
    resourceType: "User",
    filter: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    canonical: 'userName sw "J"',
  },
  { name: "pr", resourceType: "User", filter: "title pr", canonical: "title pr" },
  { name: "gt dateTime", resourceType: "User", filter: 'meta.lastModified gt "2011-05-13T04:42:34Z"', canonical: 'meta.lastModified gt "2011-05-13T04:42:34.000Z"' },
  { name: "ge dateTime", resourceType: "User", filter: 'meta.lastModified ge "2011-05-13T04:42:34Z"', canonical: 'meta.lastModified ge "2011-05-13T04:42:34.000Z"' },
  { name: "lt dateTime", resourceType: "User", filter: 'meta.lastModified lt "2011-05-13T04:42:34Z"', canonical: 'meta.lastModified lt "2011-05-13T04:42:34.000Z"' },
  { name: "le dateTime", resourceType: "User", filter: 'meta.lastModified le "2011-05-13T04:42:34Z"', canonical: 'meta.lastModified le "2011-05-13T04:42:34.000Z"' },
  { name: "and", resourceType: "User", filter: 'title pr and userType eq "Employee"', canonical: 'title pr and userType eq "Employee"' },
  { name: "or", resourceType: "User", filter: 'title pr or userType eq "Intern"', canonical: 'title pr or userType eq "Intern"' },
  { name: "schemas", resourceType: "User", filter: `schemas eq "${ENTERPRISE}"`, canonical: `schemas eq "${ENTERPRISE}"` },
  {
    name: "grouping, complex attribute without sub-attribute",
    resourceType: "User",
    filter: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    canonical: 'userType eq "Employee" and (emails.value co "example.com" or emails.value co "example.org")',
  },
  {
    name: "not",
    resourceType: "User",
    filter: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    canonical: 'userType ne "Employee" and not (emails.value co "example.com" or emails.value co "example.org")',
  },
  {
    name: "redundant grouping",
    resourceType: "User",
    filter: 'userType eq "Employee" and (emails.type eq "work")',
    canonical: 'userType eq "Employee" and emails.type eq "work"',
  },
  {
    name: "value path",
    resourceType: "User",
    filter: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    canonical: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
  },
  {
    name: "two value paths",
    resourceType: "User",
    filter: 'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    canonical: 'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  },
];

/** Other filters printed in RFC 7644: §3.4.2.2's case-insensitivity examples and §3.4.3's /.search body. */
export const RFC7644_OTHER: FilterFixture[] = [
  { name: "operator case (§3.4.2.2)", resourceType: "User", filter: 'userName Eq "john"', canonical: 'userName eq "john"' },
  { name: "attribute case (§3.4.2.2)", resourceType: "User", filter: 'Username eq "john"', canonical: 'userName eq "john"' },
  {
    name: "/.search example with unquoted values (§3.4.3)",
    resourceType: "User",
    filter: "(meta.resourceType eq User) or (meta.resourceType eq Group)",
    canonical: 'meta.resourceType eq "User" or meta.resourceType eq "Group"',
  },
];

/** What Microsoft Entra ID sends. */
export const ENTRA_FILTERS: FilterFixture[] = [
  {
    name: "connection test (User)",
    resourceType: "User",
    filter: 'userName eq "4c46e4a1-5d4e-4b8b-8c4f-0d3a91c1f7a2"',
    canonical: 'userName eq "4c46e4a1-5d4e-4b8b-8c4f-0d3a91c1f7a2"',
  },
  {
    name: "connection test (Group)",
    resourceType: "Group",
    filter: 'displayName eq "f6a9d8c3-19b6-4a0e-8c3e-4f1b2a7d9e10"',
    canonical: 'displayName eq "f6a9d8c3-19b6-4a0e-8c3e-4f1b2a7d9e10"',
  },
  { name: "match on userName", resourceType: "User", filter: 'userName eq "Test_User_ab6490ee@contoso.com"', canonical: 'userName eq "Test_User_ab6490ee@contoso.com"' },
  {
    name: "match on externalId, unquoted",
    resourceType: "User",
    filter: "externalId eq 0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    canonical: 'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"',
  },
  { name: "match on externalId, unquoted digits", resourceType: "User", filter: "externalId eq 123456", canonical: 'externalId eq "123456"' },
  { name: "match on externalId, unquoted token", resourceType: "User", filter: "externalId eq 123abc", canonical: 'externalId eq "123abc"' },
  { name: "match on externalId, quoted", resourceType: "User", filter: 'externalId eq "0a21f0f2"', canonical: 'externalId eq "0a21f0f2"' },
  { name: "group lookup", resourceType: "Group", filter: 'displayName eq "Sales Team"', canonical: 'displayName eq "Sales Team"' },
  {
    name: "emails as the matching attribute",
    resourceType: "User",
    filter: 'emails[type eq "work"].value eq "user@contoso.com"',
    canonical: 'emails[type eq "work" and value eq "user@contoso.com"]',
  },
  {
    name: "eq and eq",
    resourceType: "User",
    filter: 'userName eq "a@contoso.com" and externalId eq "0a21"',
    canonical: 'userName eq "a@contoso.com" and externalId eq "0a21"',
  },
];

/** What Okta sends. */
export const OKTA_FILTERS: FilterFixture[] = [
  { name: "lookup before create", resourceType: "User", filter: 'userName eq "test.user@okta.local"', canonical: 'userName eq "test.user@okta.local"' },
  { name: "upper-cased lookup", resourceType: "User", filter: 'userName eq "TEST.USER@OKTA.LOCAL"', canonical: 'userName eq "TEST.USER@OKTA.LOCAL"' },
  { name: "group push lookup", resourceType: "Group", filter: 'displayName eq "Engineering"', canonical: 'displayName eq "Engineering"' },
];

export const ALL_FILTER_FIXTURES: FilterFixture[] = [...RFC7644_EXAMPLES, ...RFC7644_OTHER, ...ENTRA_FILTERS, ...OKTA_FILTERS];

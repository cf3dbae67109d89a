/**
 * SCIM 2.0 provisioning (RFC 7643, RFC 7644) for organizations that manage their people in their own
 * directory: organization-scoped SCIM tokens, and the Users and Groups of one organization at
 * {@code /scim/v2}, changed through the same procedures, access policy, seat limits and audit
 * trail as User Management.
 */
package io.gatehouse.scim;

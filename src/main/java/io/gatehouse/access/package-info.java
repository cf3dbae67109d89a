/**
 * Who may do what: roles, the vendor's catalogue of applications and rights, memberships with
 * their rights and sites, vendor staff, and the one {@link io.gatehouse.access.AccessPolicy}
 * that answers every "may this actor do this to that" question.
 */
package io.gatehouse.access;

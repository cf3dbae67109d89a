/**
 * Member management in one organization: the User Management list, creating a user, changing
 * role, rights and sites, blocking and removing.
 */
package io.gatehouse.member;

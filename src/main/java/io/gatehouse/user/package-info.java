/**
 * User accounts: one person, possibly in many organizations; profile, preferences, password.
 */
package io.gatehouse.user;

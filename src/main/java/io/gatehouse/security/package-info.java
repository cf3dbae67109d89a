/**
 * Sign-in (form, HTTP Basic, personal API tokens), sessions kept in the database, throttling,
 * and the first vendor admin.
 */
package io.gatehouse.security;

/**
 * Single sign-on into the vendor's applications: Gatehouse as their OpenID Connect provider, with
 * the person's organization, role, the application's rights and sites as claims, read afresh at
 * every token; clients registered per application; signing keys shared by every node and rotated.
 */
package io.gatehouse.oidc;

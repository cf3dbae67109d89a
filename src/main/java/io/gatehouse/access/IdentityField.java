package io.gatehouse.access;

/** What identifies an account and lets it sign in: changed only with its owner's proof or by the vendor admin. */
public enum IdentityField {
    EMAIL, LOGIN, PASSWORD
}

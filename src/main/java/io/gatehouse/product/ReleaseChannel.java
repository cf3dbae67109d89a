package io.gatehouse.product;

/** Stable releases go to every licence; beta ones only to licences that include the beta channel. */
public enum ReleaseChannel {
    STABLE, BETA
}

package io.gatehouse.user;

import java.time.Instant;
import java.util.Objects;

/**
 * The terms of use a person accepts when registering through an invitation. A new text gets a new
 * version, so that each account keeps the version its owner actually accepted.
 */
public record TermsOfUse(String version, Instant acceptedAt) {

    /** The text the terms page shows today (templates/terms.html and its messages). */
    public static final String CURRENT_VERSION = "1";

    public TermsOfUse {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}

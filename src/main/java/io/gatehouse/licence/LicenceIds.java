package io.gatehouse.licence;

import io.gatehouse.shared.NotFoundException;
import java.util.UUID;

/** An id from a URL: anything that is not a UUID is simply not found. */
final class LicenceIds {

    private LicenceIds() {
    }

    static UUID parse(String text, String kind) {
        if (text == null || text.length() != 36) {
            throw new NotFoundException(kind);
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(kind);
        }
    }
}

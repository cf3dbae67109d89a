package io.gatehouse.shared;

import java.util.UUID;

final class Ids {

    private Ids() {
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

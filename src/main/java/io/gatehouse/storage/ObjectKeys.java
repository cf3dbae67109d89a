package io.gatehouse.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/** Keys the store makes itself: random, so nothing a caller sends becomes a path or an object name. */
final class ObjectKeys {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ObjectKeys() {
    }

    static String next() {
        return UUID.randomUUID().toString();
    }

    static String checked(String key) {
        if (key == null || !FORM.matcher(key).matches()) {
            throw new IllegalArgumentException("not a key of this store: " + key);
        }
        return key;
    }
}

package io.gatehouse.storage;

/** The database names an object the store does not have (deleted by hand, another bucket): an operator's problem. */
public class MissingObjectException extends RuntimeException {

    public MissingObjectException(String key) {
        super("no stored object " + key);
    }
}

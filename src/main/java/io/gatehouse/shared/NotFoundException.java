package io.gatehouse.shared;

/** Unknown or foreign id: answered 404 with nothing that tells the two apart. */
public class NotFoundException extends RuntimeException {

    private final String kind;

    public NotFoundException(String kind) {
        super(kind + " not found");
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}

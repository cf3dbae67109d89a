package io.gatehouse.shared;

/** The request is valid on its own but clashes with what is stored (a taken login, an existing member). */
public class ConflictException extends RuntimeException {

    private final String field;
    private final String messageCode;

    public ConflictException(String field, String messageCode) {
        super(messageCode);
        this.field = field;
        this.messageCode = messageCode;
    }

    public String field() {
        return field;
    }

    public String messageCode() {
        return messageCode;
    }

    /** What the message's {0}, {1}… stand for; none by default. */
    public java.util.List<Object> arguments() {
        return java.util.List.of();
    }

    /** What an API caller needs besides the message to go on (the id of what it clashes with); none by default. */
    public java.util.Map<String, Object> properties() {
        return java.util.Map.of();
    }
}

package io.gatehouse.shared;

import java.util.List;

/** Bad input found by a rule beyond bean validation; lists every offending field at once. */
public class InvalidInputException extends RuntimeException {

    public record FieldError(String field, String messageCode, List<Object> arguments) {

        public FieldError(String field, String messageCode) {
            this(field, messageCode, List.of());
        }
    }

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String field, String messageCode, Object... arguments) {
        return new InvalidInputException(List.of(new FieldError(field, messageCode, List.of(arguments))));
    }

    public List<FieldError> errors() {
        return errors;
    }
}

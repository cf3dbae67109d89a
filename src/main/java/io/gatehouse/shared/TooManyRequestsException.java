package io.gatehouse.shared;

import java.time.Duration;
import java.util.List;

/** A limit against abuse was reached; the message says which, and when to try again. */
public class TooManyRequestsException extends RuntimeException {

    private final String messageCode;
    private final List<Object> arguments;
    private final Duration retryAfter;

    public TooManyRequestsException(String messageCode, Duration retryAfter, Object... arguments) {
        super(messageCode);
        this.messageCode = messageCode;
        this.arguments = List.of(arguments);
        this.retryAfter = retryAfter;
    }

    public String messageCode() {
        return messageCode;
    }

    public List<Object> arguments() {
        return arguments;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

package io.gatehouse.request;

import io.gatehouse.shared.ConflictException;
import java.util.List;

/** Today's state or rules say no to an approval: it changes nothing, and says why. */
public class RequestConflictException extends ConflictException {

    private final List<Object> arguments;

    RequestConflictException(String messageCode, List<Object> arguments) {
        super("change", messageCode);
        this.arguments = List.copyOf(arguments);
    }

    /** The message's arguments; a nested message (the policy's own reason) is resolved in the reader's language. */
    @Override
    public List<Object> arguments() {
        return arguments;
    }
}

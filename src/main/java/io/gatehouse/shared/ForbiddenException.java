package io.gatehouse.shared;

/** The actor may see the target but not do this to it; carries the policy's reason as a message code. */
public class ForbiddenException extends RuntimeException {

    private final String reasonCode;

    public ForbiddenException(String reasonCode) {
        super(reasonCode);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}

package io.gatehouse.storage;

import io.gatehouse.shared.InvalidInputException;

/** An upload that was not committed, and why; nothing of it is left in the store. */
public class UploadRejectedException extends InvalidInputException {

    public enum Reason {
        TOO_LARGE("storage.upload.tooLarge"),
        EMPTY("storage.upload.empty"),
        SIZE_MISMATCH("storage.upload.sizeMismatch"),
        CHECKSUM_MISMATCH("storage.upload.checksumMismatch"),
        INCOMPLETE("storage.upload.incomplete");

        private final String messageCode;

        Reason(String messageCode) {
            this.messageCode = messageCode;
        }
    }

    private final Reason reason;

    public UploadRejectedException(Reason reason, Object... arguments) {
        super(java.util.List.of(new FieldError("body", reason.messageCode, java.util.List.of(arguments))));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package io.gatehouse.product;

/** A signed download link that was altered (403) or has expired (410): nothing is sent. */
class DownloadLinkException extends RuntimeException {

    private final boolean expired;

    DownloadLinkException(boolean expired) {
        super(expired ? "link expired" : "link invalid");
        this.expired = expired;
    }

    boolean expired() {
        return expired;
    }
}

package io.gatehouse.member;

import java.io.Serializable;

/** Shown once on User Management after "Send request": the ticket that now carries the change. */
record RequestSent(long number, String requestId, String vendor) implements Serializable {

    static RequestSent of(ApprovalRequests.Receipt receipt, String vendor) {
        return new RequestSent(receipt.number(), receipt.requestId(), vendor);
    }
}

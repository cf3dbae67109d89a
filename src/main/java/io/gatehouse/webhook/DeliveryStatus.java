package io.gatehouse.webhook;

/** Where a delivery stands: not tried yet, tried and to be tried again, received, or given up. */
public enum DeliveryStatus {
    PENDING, RETRYING, DELIVERED, FAILED
}

package dev.engram.core.webhook;

/** Where a delivery stands: waiting for an (other) attempt, delivered (a 2xx answer), or failed for good. */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED
}

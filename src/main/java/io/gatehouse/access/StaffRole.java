package io.gatehouse.access;

/** The vendor's own people: admins run Gatehouse, support works requests across organizations. */
public enum StaffRole {
    VENDOR_ADMIN, VENDOR_SUPPORT
}

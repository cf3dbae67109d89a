package io.gatehouse.organization;

/** Self-managed organizations change their own people; vendor-managed ones ask the vendor. */
public enum ManagementMode {
    SELF_MANAGED, VENDOR_MANAGED
}

package io.gatehouse.user;

public enum AccountStatus {
    ACTIVE, DISABLED
}

package io.gatehouse.staff;

import io.gatehouse.access.Staff;
import io.gatehouse.access.StaffRole;
import io.gatehouse.user.AccountView;
import java.time.Instant;

/** A staff member as the API and the Staff page show them; the id is their account's. */
record StaffView(String id, String firstName, String lastName, String email, StaffRole role, Instant createdAt) {

    static StaffView of(Staff.Member member, AccountView account) {
        return new StaffView(account.userId(), account.firstName(), account.lastName(), account.email(), member.role(),
                member.since());
    }

    public String name() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? email : name;
    }
}

package io.gatehouse.access;

import io.gatehouse.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The vendor's own people and their staff role. */
@Service
@Transactional
public class Staff {

    private final JdbcClient jdbc;
    private final Clock clock;

    Staff(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void appoint(UserId user, StaffRole role) {
        int updated = jdbc.sql("update staff_member set role = ? where user_id = ?").params(role.name(), user.value()).update();
        if (updated == 0) {
            jdbc.sql("insert into staff_member (user_id, role, created_at) values (?, ?, ?)")
                    .params(user.value(), role.name(), Timestamp.from(clock.instant())).update();
        }
    }

    @Transactional(readOnly = true)
    public Optional<StaffRole> roleOf(UserId user) {
        return jdbc.sql("select role from staff_member where user_id = ?").param(user.value())
                .query(String.class).optional().map(StaffRole::valueOf);
    }

    @Transactional(readOnly = true)
    public boolean anyVendorAdmin() {
        return jdbc.sql("select count(*) from staff_member where role = 'VENDOR_ADMIN'").query(Long.class).single() > 0;
    }
}

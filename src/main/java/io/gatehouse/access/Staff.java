package io.gatehouse.access;

import io.gatehouse.shared.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The vendor's own people and their staff role. */
@Service
@Transactional
public class Staff {

    /** One of the vendor's people: whose account, which role, since when. */
    public record Member(UserId userId, StaffRole role, Instant since) {
    }

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

    /** Ends the staff role; the account stays. */
    public void dismiss(UserId user) {
        jdbc.sql("delete from staff_member where user_id = ?").param(user.value()).update();
    }

    @Transactional(readOnly = true)
    public Optional<StaffRole> roleOf(UserId user) {
        return jdbc.sql("select role from staff_member where user_id = ?").param(user.value())
                .query(String.class).optional().map(StaffRole::valueOf);
    }

    @Transactional(readOnly = true)
    public Optional<Member> find(UserId user) {
        return jdbc.sql("select user_id, role, created_at from staff_member where user_id = ?").param(user.value())
                .query((rs, n) -> member(rs)).optional();
    }

    @Transactional(readOnly = true)
    public List<Member> all() {
        return jdbc.sql("select user_id, role, created_at from staff_member order by created_at, user_id")
                .query((rs, n) -> member(rs)).list();
    }

    @Transactional(readOnly = true)
    public boolean anyVendorAdmin() {
        return jdbc.sql("select count(*) from staff_member where role = 'VENDOR_ADMIN'").query(Long.class).single() > 0;
    }

    /**
     * The vendor admins, their rows locked until the caller's transaction ends: two admins
     * demoting each other at the same moment take turns, and the second sees the first's change.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<UserId> lockVendorAdmins() {
        return new LinkedHashSet<>(jdbc.sql("select user_id from staff_member where role = 'VENDOR_ADMIN' for update")
                .query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).list());
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(new UserId(rs.getObject("user_id", UUID.class)), StaffRole.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant());
    }
}

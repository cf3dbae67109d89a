package io.gatehouse.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An account as pages and tokens read it, in one plain statement: every page reads the signed-in
 * person's, and mapping the whole aggregate costs more than the query.
 */
@Component
class AccountRows {

    /** The account with what only its owner's pages need: the terms accepted and the organization last worked on. */
    record AccountRow(AccountView account, Optional<TermsOfUse> terms, Optional<UUID> preferredOrganization) {
    }

    private final JdbcClient jdbc;

    AccountRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AccountRow> find(UUID id) {
        return jdbc.sql("""
                        select id, first_name, last_name, email, login, position, status, language, date_format, time_zone,
                               created_at, last_sign_in_at, preferred_organization_id, terms_accepted_at, terms_version
                        from user_account where id = ?""")
                .param(id)
                .query(AccountRows::row)
                .optional();
    }

    private static AccountRow row(ResultSet rs, int n) throws SQLException {
        AccountView account = new AccountView(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), AccountStatus.valueOf(rs.getString(7)),
                Language.of(rs.getString(8)), DateFormat.of(rs.getString(9)), rs.getString(10), instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)));
        Instant termsAcceptedAt = instant(rs.getTimestamp(14));
        String termsVersion = rs.getString(15);
        Optional<TermsOfUse> terms = termsAcceptedAt == null ? Optional.empty()
                : Optional.of(new TermsOfUse(termsVersion == null ? TermsOfUse.CURRENT_VERSION : termsVersion, termsAcceptedAt));
        return new AccountRow(account, terms, Optional.ofNullable(rs.getObject(13, UUID.class)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

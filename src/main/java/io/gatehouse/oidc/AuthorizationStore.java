package io.gatehouse.oidc;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Spring's JDBC store of authorizations, saving Gatehouse's own columns (the organization, the
 * expiry the sweep reads, the issuer) in the same statement as Spring's: a token request writes
 * one row once, after one look at what the row held. Rows are read and written by
 * {@link AuthorizationRows}.
 */
class AuthorizationStore extends JdbcOAuth2AuthorizationService {

    /** Spring's columns, in the order of its parameters mapper. */
    private static final List<String> COLUMNS = List.of("id", "registered_client_id", "principal_name", "authorization_grant_type",
            "authorized_scopes", "attributes", "state",
            "authorization_code_value", "authorization_code_issued_at", "authorization_code_expires_at", "authorization_code_metadata",
            "access_token_value", "access_token_issued_at", "access_token_expires_at", "access_token_metadata", "access_token_type",
            "access_token_scopes",
            "oidc_id_token_value", "oidc_id_token_issued_at", "oidc_id_token_expires_at", "oidc_id_token_metadata",
            "refresh_token_value", "refresh_token_issued_at", "refresh_token_expires_at", "refresh_token_metadata",
            "user_code_value", "user_code_issued_at", "user_code_expires_at", "user_code_metadata",
            "device_code_value", "device_code_issued_at", "device_code_expires_at", "device_code_metadata");
    private static final String INSERT = "insert into oauth2_authorization (" + String.join(", ", COLUMNS)
            + ", organization_id, expires_at, issuer) values (" + "?, ".repeat(COLUMNS.size() + 2) + "?)";
    private static final String UPDATE = "update oauth2_authorization set "
            + String.join(", ", COLUMNS.subList(1, COLUMNS.size()).stream().map(c -> c + " = ?").toList())
            + ", organization_id = ?, expires_at = ?, issuer = coalesce(?, issuer)"
            + " where id = ? and access_token_value is not distinct from ? and refresh_token_value is not distinct from ?";

    /** What a saved row held before: nothing (a new authorization), or its access and refresh tokens (digests), if any. */
    record Before(boolean existed, String accessToken, String refreshToken) {

        static final Before NONE = new Before(false, null, null);
    }

    /** The row changed since it was read: another request issued its tokens first, or it was revoked. */
    static final class ChangedMeanwhile extends RuntimeException {

        ChangedMeanwhile(String id) {
            super("The authorization " + id + " changed since it was read", null, false, false);
        }
    }

    AuthorizationStore(JdbcOperations jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
        AuthorizationRows rows = new AuthorizationRows(clients, getAuthorizationRowMapper(), getAuthorizationParametersMapper());
        setAuthorizationRowMapper(rows::mapRow);
        setAuthorizationParametersMapper(rows::parameters);
    }

    /**
     * Inserts or updates the authorization with Gatehouse's columns; answers what the row held before.
     * {@code known}: what the caller read the row to hold (no row at all, or its tokens), or null,
     * and the row is read first. An update applies only to the row as it was read, so that of two
     * requests spending the same code or refresh token, one issues tokens and the other meets
     * {@link ChangedMeanwhile}.
     */
    Before store(OAuth2Authorization authorization, UUID organization, Instant expiresAt, String issuer, Before known) {
        Before before = known != null ? known
                : getJdbcOperations().query("select access_token_value, refresh_token_value from oauth2_authorization where id = ?",
                        (rs, n) -> new Before(true, rs.getString(1), rs.getString(2)), authorization.getId())
                        .stream().findFirst().orElse(Before.NONE);
        List<SqlParameterValue> spring = getAuthorizationParametersMapper().apply(authorization);
        if (spring.size() != COLUMNS.size()) {
            throw new IllegalStateException("Spring's authorization columns changed: " + spring.size());
        }
        List<Object> values = new ArrayList<>(spring.size() + 5);
        if (!before.existed()) {
            values.addAll(spring);
            values.add(organization);
            values.add(Timestamp.from(expiresAt));
            values.add(issuer);
            getJdbcOperations().update(INSERT, new ArgumentPreparedStatementSetter(values.toArray()));
            return before;
        }
        values.addAll(spring.subList(1, spring.size()));
        values.add(organization);
        values.add(Timestamp.from(expiresAt));
        values.add(issuer);
        values.add(spring.get(0));
        values.add(new SqlParameterValue(Types.VARCHAR, before.accessToken()));
        values.add(new SqlParameterValue(Types.VARCHAR, before.refreshToken()));
        if (getJdbcOperations().update(UPDATE, new ArgumentPreparedStatementSetter(values.toArray())) == 0) {
            throw new ChangedMeanwhile(authorization.getId());
        }
        return before;
    }
}

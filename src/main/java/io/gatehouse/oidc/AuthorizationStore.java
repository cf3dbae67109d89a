package io.gatehouse.oidc;

import java.sql.Timestamp;
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
            + ", organization_id = ?, expires_at = ?, issuer = coalesce(?, issuer) where id = ?";

    /** What a saved row held before: nothing (a new authorization), or its refresh token, if it had one. */
    record Before(boolean existed, String refreshToken) {
    }

    AuthorizationStore(JdbcOperations jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
        AuthorizationRows rows = new AuthorizationRows(clients, getAuthorizationRowMapper(), getAuthorizationParametersMapper());
        setAuthorizationRowMapper(rows::mapRow);
        setAuthorizationParametersMapper(rows::parameters);
    }

    /**
     * Inserts or updates the authorization with Gatehouse's columns; answers what the row held before.
     * {@code known}: what the caller knows the row holds (no row at all, or its refresh token), or
     * null, and the row is read first.
     */
    Before store(OAuth2Authorization authorization, UUID organization, Instant expiresAt, String issuer, Before known) {
        List<String> before = known != null ? (known.existed() ? List.of(Optional.ofNullable(known.refreshToken()).orElse("")) : List.of())
                : getJdbcOperations().query("select refresh_token_value from oauth2_authorization where id = ?",
                        (rs, n) -> Optional.ofNullable(rs.getString(1)).orElse(""), authorization.getId());
        List<SqlParameterValue> spring = getAuthorizationParametersMapper().apply(authorization);
        if (spring.size() != COLUMNS.size()) {
            throw new IllegalStateException("Spring's authorization columns changed: " + spring.size());
        }
        List<Object> values = new ArrayList<>(spring.size() + 3);
        if (before.isEmpty()) {
            values.addAll(spring);
            values.add(organization);
            values.add(Timestamp.from(expiresAt));
            values.add(issuer);
            getJdbcOperations().update(INSERT, new ArgumentPreparedStatementSetter(values.toArray()));
            return new Before(false, null);
        }
        values.addAll(spring.subList(1, spring.size()));
        values.add(organization);
        values.add(Timestamp.from(expiresAt));
        values.add(issuer);
        values.add(spring.get(0));
        getJdbcOperations().update(UPDATE, new ArgumentPreparedStatementSetter(values.toArray()));
        return new Before(true, before.get(0).isEmpty() ? null : before.get(0));
    }
}

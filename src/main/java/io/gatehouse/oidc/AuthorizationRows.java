package io.gatehouse.oidc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;

/**
 * Reads and writes an authorization's row in Spring's table, with its maps in {@link StoredMaps}'s
 * format. An authorization holding a value that format does not keep is written by Spring's own
 * mapper, and a row written that way (before this format, or for such an authorization) is read
 * by Spring's: both formats live side by side in the table.
 */
final class AuthorizationRows {

    private final RegisteredClientRepository clients;
    private final RowMapper<OAuth2Authorization> springRows;
    private final Function<OAuth2Authorization, List<SqlParameterValue>> springParameters;
    private final StoredMaps maps = new StoredMaps();

    AuthorizationRows(RegisteredClientRepository clients, RowMapper<OAuth2Authorization> springRows,
            Function<OAuth2Authorization, List<SqlParameterValue>> springParameters) {
        this.clients = clients;
        this.springRows = springRows;
        this.springParameters = springParameters;
    }

    /** The row's values, in the order of Spring's columns (see {@link AuthorizationStore}). */
    List<SqlParameterValue> parameters(OAuth2Authorization authorization) {
        try {
            return inGatehousesFormat(authorization);
        } catch (StoredMaps.NotKept unusual) {
            return springParameters.apply(authorization);
        }
    }

    private List<SqlParameterValue> inGatehousesFormat(OAuth2Authorization authorization) {
        List<SqlParameterValue> values = new ArrayList<>(33);
        values.add(text(authorization.getId()));
        values.add(text(authorization.getRegisteredClientId()));
        values.add(text(authorization.getPrincipalName()));
        values.add(text(authorization.getAuthorizationGrantType().getValue()));
        values.add(text(commaSeparated(authorization.getAuthorizedScopes())));
        values.add(text(maps.write(authorization.getAttributes())));
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
        values.add(text(StringUtils.hasText(state) ? state : null));
        addToken(values, authorization.getToken(OAuth2AuthorizationCode.class));
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        addToken(values, access);
        values.add(text(access == null ? null : access.getToken().getTokenType().getValue()));
        values.add(text(access == null ? null : commaSeparated(access.getToken().getScopes())));
        addToken(values, authorization.getToken(OidcIdToken.class));
        addToken(values, authorization.getRefreshToken());
        addToken(values, authorization.getToken(OAuth2UserCode.class));
        addToken(values, authorization.getToken(OAuth2DeviceCode.class));
        return values;
    }

    OAuth2Authorization mapRow(ResultSet rs, int rowNum) throws SQLException {
        String[] mapColumns = {rs.getString("attributes"), rs.getString("authorization_code_metadata"),
                rs.getString("access_token_metadata"), rs.getString("oidc_id_token_metadata"), rs.getString("refresh_token_metadata"),
                rs.getString("user_code_metadata"), rs.getString("device_code_metadata")};
        if (!Stream.of(mapColumns).allMatch(StoredMaps::isStored)) {
            return springRows.mapRow(rs, rowNum);
        }
        String clientId = rs.getString("registered_client_id");
        RegisteredClient client = clients.findById(clientId);
        if (client == null) {
            throw new DataRetrievalFailureException("The registered client " + clientId + " no longer exists");
        }
        Map<String, Object> attributes = read(mapColumns[0]);
        OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
                .id(rs.getString("id"))
                .principalName(rs.getString("principal_name"))
                .authorizationGrantType(new AuthorizationGrantType(rs.getString("authorization_grant_type")))
                .authorizedScopes(StringUtils.commaDelimitedListToSet(rs.getString("authorized_scopes")))
                .attributes(held -> held.putAll(attributes));
        String state = rs.getString("state");
        if (StringUtils.hasText(state)) {
            builder.attribute(OAuth2ParameterNames.STATE, state);
        }
        String code = rs.getString("authorization_code_value");
        if (StringUtils.hasText(code)) {
            builder.token(new OAuth2AuthorizationCode(code, instant(rs, "authorization_code_issued_at"),
                    instant(rs, "authorization_code_expires_at")), metadata(mapColumns[1]));
        }
        String access = rs.getString("access_token_value");
        if (StringUtils.hasText(access)) {
            builder.token(new OAuth2AccessToken(accessTokenType(rs.getString("access_token_type")), access,
                    instant(rs, "access_token_issued_at"), instant(rs, "access_token_expires_at"),
                    StringUtils.commaDelimitedListToSet(rs.getString("access_token_scopes"))), metadata(mapColumns[2]));
        }
        String id = rs.getString("oidc_id_token_value");
        if (StringUtils.hasText(id)) {
            Map<String, Object> metadata = read(mapColumns[3]);
            @SuppressWarnings("unchecked")
            Map<String, Object> claims = (Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
            builder.token(new OidcIdToken(id, instant(rs, "oidc_id_token_issued_at"), instant(rs, "oidc_id_token_expires_at"), claims),
                    held -> held.putAll(metadata));
        }
        String refresh = rs.getString("refresh_token_value");
        if (StringUtils.hasText(refresh)) {
            builder.token(new OAuth2RefreshToken(refresh, instant(rs, "refresh_token_issued_at"), instant(rs, "refresh_token_expires_at")),
                    metadata(mapColumns[4]));
        }
        String userCode = rs.getString("user_code_value");
        if (StringUtils.hasText(userCode)) {
            builder.token(new OAuth2UserCode(userCode, instant(rs, "user_code_issued_at"), instant(rs, "user_code_expires_at")),
                    metadata(mapColumns[5]));
        }
        String deviceCode = rs.getString("device_code_value");
        if (StringUtils.hasText(deviceCode)) {
            builder.token(new OAuth2DeviceCode(deviceCode, instant(rs, "device_code_issued_at"), instant(rs, "device_code_expires_at")),
                    metadata(mapColumns[6]));
        }
        return builder.build();
    }

    private Map<String, Object> read(String data) {
        return data == null ? Map.of() : maps.read(data);
    }

    private Consumer<Map<String, Object>> metadata(String data) {
        Map<String, Object> metadata = read(data);
        return held -> held.putAll(metadata);
    }

    private void addToken(List<SqlParameterValue> values, OAuth2Authorization.Token<? extends OAuth2Token> token) {
        values.add(text(token == null ? null : token.getToken().getTokenValue()));
        values.add(timestamp(token == null ? null : token.getToken().getIssuedAt()));
        values.add(timestamp(token == null ? null : token.getToken().getExpiresAt()));
        values.add(text(token == null ? null : maps.write(token.getMetadata())));
    }

    private static OAuth2AccessToken.TokenType accessTokenType(String stored) {
        if (OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(stored)) {
            return OAuth2AccessToken.TokenType.DPOP;
        }
        return OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(stored) ? OAuth2AccessToken.TokenType.BEARER : null;
    }

    private static String commaSeparated(Set<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static SqlParameterValue timestamp(Instant value) {
        return new SqlParameterValue(Types.TIMESTAMP, value == null ? null : Timestamp.from(value));
    }
}

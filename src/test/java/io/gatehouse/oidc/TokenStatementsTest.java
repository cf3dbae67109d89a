package io.gatehouse.oidc;

import io.gatehouse.support.PortalSession;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * How many SQL statements each token request sends to the database: the count, not a time, is
 * what a test can hold steady on any machine, and the speed of the token endpoints follows from it.
 */
@IntegrationTest
@Import(OidcTestBeans.class)
class TokenStatementsTest {

    /**
     * Budgets as measured when written, on H2 and PostgreSQL alike (they were 32, 32 and 29, then
     * 19, 15 and 15, then 15, 11 and 11): the authorization request reads the session, the client,
     * the remembered organization and the person, and writes the authorization; the code exchange
     * and the refresh read the client and the authorization once, the person once for both tokens
     * (application, organization, account, membership with its rights, its sites, the organization's
     * sites), and write the authorization once, without reading it again.
     */
    static final int AUTHORIZE = 15;
    static final int EXCHANGE = 10;
    static final int REFRESH = 10;

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ClientRegistrations registrations;

    @Autowired
    org.springframework.jdbc.core.JdbcOperations jdbc;

    OIDCProviderMetadata provider;
    ClientID clientId;
    ClientAuthentication clientAuth;

    @BeforeEach
    void registerShowcaseAsAClient() throws Exception {
        ShowcaseClient.Connected showcase = ShowcaseClient.connected(registrations, data, port);
        clientId = showcase.clientId();
        clientAuth = showcase.clientAuth();
        provider = showcase.provider();
    }

    @Test
    void aClientCredentialsTokenReadsItsClientOnceAndWritesItsAuthorizationOnce() throws Exception {
        clientCredentials();

        OidcTestBeans.Statements.clear();
        clientCredentials();

        // the client; the new authorization written with Gatehouse's columns
        assertThat(OidcTestBeans.Statements.perRequest()).as(this::described).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void introspectionReadsTheClientAndTheAuthorizationOnly() throws Exception {
        AccessToken token = clientCredentials();
        introspect(token);

        OidcTestBeans.Statements.clear();
        assertThat(introspect(token)).isTrue();

        assertThat(OidcTestBeans.Statements.perRequest()).as(this::described).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void theCodeFlowAndARefreshReadThePersonOnceEach() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = new PortalSession(port);
        browser.signIn(person.email(), person.password());
        exchange(browser.get(authorize().toString()));

        // A person who signed in to the application before: their organization is remembered.
        OidcTestBeans.Statements.clear();
        HttpResponse<String> back = browser.get(authorize().toString());
        List<String> authorizing = OidcTestBeans.Statements.perRequest();
        OidcTestBeans.Statements.clear();
        OIDCTokenResponse tokens = exchange(back);
        List<String> exchanging = OidcTestBeans.Statements.perRequest();
        OidcTestBeans.Statements.clear();
        refresh(tokens.getOIDCTokens().getRefreshToken());
        List<String> refreshing = OidcTestBeans.Statements.perRequest();

        // The person is read once per request (about ten statements across the access, user and organization modules).
        assertThat(authorizing).as(() -> described(authorizing)).hasSizeLessThanOrEqualTo(AUTHORIZE);
        assertThat(exchanging).as(() -> described(exchanging)).hasSizeLessThanOrEqualTo(EXCHANGE);
        assertThat(refreshing).as(() -> described(refreshing)).hasSizeLessThanOrEqualTo(REFRESH);
        assertThat(exchanging.stream().filter(sql -> sql.contains("from \"user_account\"") || sql.contains("FROM \"user_account\""))
                .count()).as("the person's account is read for one token request, not for each token").isLessThanOrEqualTo(2);
    }

    @Test
    void theTokensRowsAreWrittenInGatehousesOwnFormat() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = new PortalSession(port);
        browser.signIn(person.email(), person.password());
        java.sql.Timestamp started = java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1));
        clientCredentials();
        refresh(exchange(browser.get(authorize().toString())).getOIDCTokens().getRefreshToken());

        List<String> maps = jdbc.query("select attributes, access_token_metadata, oidc_id_token_metadata, refresh_token_metadata"
                + " from oauth2_authorization where access_token_issued_at >= ?", (rs, n) -> java.util.stream.IntStream.rangeClosed(1, 4).mapToObj(i -> {
                    try {
                        return rs.getString(i);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).filter(java.util.Objects::nonNull).toList(), started).stream().flatMap(List::stream).toList();
        assertThat(maps).isNotEmpty().allSatisfy(map -> assertThat(map).startsWith(StoredMaps.MARK));
    }

    String described() {
        return described(OidcTestBeans.Statements.perRequest());
    }

    static String described(List<String> statements) {
        return statements.size() + " statements:\n" + String.join("\n", statements.stream().map(s -> s.replaceAll("\\s+", " ")).toList());
    }

    AccessToken clientCredentials() throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new ClientCredentialsGrant(), null).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return response.toSuccessResponse().getTokens().getAccessToken();
    }

    boolean introspect(AccessToken token) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(), clientAuth, token)
                .toHTTPRequest().send()).toSuccessResponse().isActive();
    }

    URI authorize() {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile", "email"), clientId, OidcFlowTest.CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(new State()).nonce(new Nonce()).build().toURI();
    }

    OIDCTokenResponse exchange(HttpResponse<String> back) throws Exception {
        URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
        var code = AuthenticationResponseParser.parse(callback).toSuccessResponse().getAuthorizationCode();
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new AuthorizationCodeGrant(code, OidcFlowTest.CALLBACK), null).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    void refresh(RefreshToken token) throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new RefreshTokenGrant(token), null).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
    }
}

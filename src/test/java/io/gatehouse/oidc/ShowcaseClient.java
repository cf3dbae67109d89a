package io.gatehouse.oidc;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.gatehouse.support.TestData;
import java.util.List;

/** Showcase 360 as the single sign-on tests' client: registered once, its secret rotated for each test that needs it. */
final class ShowcaseClient {

    /** The client as an independent library (Nimbus) sees it: its id, its authentication, the provider it found. */
    record Connected(ClientID clientId, ClientAuthentication clientAuth, OIDCProviderMetadata provider) {
    }

    private ShowcaseClient() {
    }

    /** The client with a secret this caller knows. */
    static ClientRegistrations.ClientView registered(ClientRegistrations registrations, TestData data) {
        return registrations.find(data.admin(), OidcFlowTest.SHOWCASE).isPresent()
                ? registrations.rotateSecret(data.admin(), OidcFlowTest.SHOWCASE)
                : registrations.register(data.admin(), OidcFlowTest.SHOWCASE,
                        ClientRegistration.of(List.of(OidcFlowTest.CALLBACK.toString()), List.of(), null, null, false, false, null));
    }

    /** The client registered, and the provider at {@code port} found through its discovery document. */
    static Connected connected(ClientRegistrations registrations, TestData data, int port) throws Exception {
        ClientRegistrations.ClientView client = registered(registrations, data);
        ClientID clientId = new ClientID(client.clientId());
        return new Connected(clientId, new ClientSecretBasic(clientId, new Secret(client.clientSecret())),
                OIDCProviderMetadata.resolve(new Issuer("http://localhost:" + port)));
    }
}

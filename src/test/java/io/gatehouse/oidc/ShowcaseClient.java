package io.gatehouse.oidc;

import io.gatehouse.support.TestData;
import java.util.List;

/** Showcase 360 as the single sign-on tests' client: registered once, its secret rotated for each test that needs it. */
final class ShowcaseClient {

    private ShowcaseClient() {
    }

    /** The client with a secret this caller knows. */
    static ClientRegistrations.ClientView registered(ClientRegistrations registrations, TestData data) {
        return registrations.find(data.admin(), OidcFlowTest.SHOWCASE).isPresent()
                ? registrations.rotateSecret(data.admin(), OidcFlowTest.SHOWCASE)
                : registrations.register(data.admin(), OidcFlowTest.SHOWCASE,
                        ClientRegistration.of(List.of(OidcFlowTest.CALLBACK.toString()), List.of(), null, null, false, false));
    }
}

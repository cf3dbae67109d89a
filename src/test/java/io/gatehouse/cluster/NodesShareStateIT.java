package io.gatehouse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two application processes started from the packaged jar on one PostgreSQL: what is done through
 * one node is in force on the other at once.
 */
@ExtendWith(SharedCluster.class)
class NodesShareStateIT {

    private static Node a;
    private static Node b;

    @BeforeAll
    static void nodes(Cluster cluster) {
        a = cluster.node(0);
        b = cluster.node(1);
    }

    @Test
    void aPersonDisabledThroughOneNodeIsRefusedOnTheOtherAtTheNextRequestWhateverTheySignedInWith() throws Exception {
        String organization = People.organization(a);
        People.Person person = People.member(a, organization, "USER");
        Client browser = Client.browser();
        browser.signIn(a, person.email(), person.password());
        Client basic = Client.basic(person.email(), person.password());
        Client token = Client.bearer(basic.createToken(a, "cluster"));
        assertThat(browser.page(a, "/profile").status()).isEqualTo(200);
        assertThat(basic.get(a, "/api/v1/me").status()).isEqualTo(200);
        assertThat(token.get(a, "/api/v1/me").status()).isEqualTo(200);

        People.expect(Client.admin().patch(b, "/api/v1/users/" + person.userId(), "{\"disabled\":true}"), 200);

        // Disabling ends the person's sessions in the database: the session cookie opens nothing on any node.
        Client.Response page = browser.page(a, "/profile");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).startsWith("/signin");
        Client.Response withBasic = basic.get(a, "/api/v1/me");
        assertThat(withBasic.status()).isEqualTo(401);
        Client.Response withToken = token.get(a, "/api/v1/me");
        assertThat(withToken.status()).isEqualTo(401);
        assertThat(withToken.body()).contains("account-disabled");
        // The session ended with the refusal: enabling the account again does not bring it back.
        People.expect(Client.admin().patch(b, "/api/v1/users/" + person.userId(), "{\"disabled\":false}"), 200);
        assertThat(browser.page(a, "/profile").header("Location")).startsWith("/signin");
    }
}

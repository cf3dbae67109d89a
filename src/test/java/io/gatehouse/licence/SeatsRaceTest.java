package io.gatehouse.licence;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Eight grants of a cloud application's right sent at the same moment, over HTTP, against five free
 * seats: whatever the interleaving, five win, three are refused with 409, and the seats in use
 * never exceed the licence's.
 */
@IntegrationTest
@Import(LicenceFixtures.class)
class SeatsRaceTest {

    private static final int ROUNDS = 3;
    private static final int GRANTS = 8;
    private static final int SEATS = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    LicenceFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eightParallelGrantsAgainstFiveFreeSeatsNeverExceedTheSeats() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(GRANTS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                OrganizationId org = data.organizationId();
                LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
                fixtures.licence(org, cloud.product(), SEATS);
                TestMember manager = data.manager(org);
                List<TestMember> people = new ArrayList<>();
                for (int i = 0; i < GRANTS; i++) {
                    people.add(data.user(org));
                }
                CyclicBarrier start = new CyclicBarrier(GRANTS);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (TestMember person : people) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/organizations/" + org
                                    + "/members/" + person.id()))
                            .header("Authorization", basic(manager))
                            .header("Content-Type", "application/json")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"rights\":[\"" + cloud.right() + "\"]}"))
                            .timeout(Duration.ofSeconds(60))
                            .build();
                    answers.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 409) {
                        assertThat(response.body()).as("round %d", round).contains("\"seatsUsed\":" + SEATS).contains("\"seats\":" + SEATS);
                    }
                }

                assertThat(statuses).as("round %d", round).filteredOn(s -> s == 200).hasSize(SEATS);
                assertThat(statuses).as("round %d", round).filteredOn(s -> s == 409).hasSize(GRANTS - SEATS);
                assertThat(holders(org, cloud.right())).as("seats in use after round %d", round).isEqualTo(SEATS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private long holders(OrganizationId org, String right) {
        return jdbc.sql("""
                        select count(*) from membership_right mr join membership m on m.id = mr.membership_id
                        join access_right r on r.id = mr.right_id where m.organization_id = ? and r.name = ?""")
                .params(org.value(), right).query(Long.class).single();
    }

    private static String basic(TestMember member) {
        return "Basic " + Base64.getEncoder().encodeToString((member.email() + ":" + member.password()).getBytes(StandardCharsets.UTF_8));
    }
}

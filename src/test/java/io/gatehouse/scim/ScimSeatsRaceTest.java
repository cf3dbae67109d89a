package io.gatehouse.scim;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.licence.LicenceFixtures;
import io.gatehouse.scim.ScimFixtures.Answer;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.ArrayList;
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
 * A directory pushing six people into a right's group at the same moment, against three free seats:
 * three join, three are refused with 409, and the seats in use never exceed the licence's.
 */
@IntegrationTest
@Import({ScimFixtures.class, LicenceFixtures.class})
class ScimSeatsRaceTest {

    private static final int JOINS = 6;
    private static final int SEATS = 3;

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ScimFixtures fixtures;

    @Autowired
    LicenceFixtures licences;

    @Autowired
    JdbcClient jdbc;

    @Test
    void parallelGroupJoinsNeverExceedTheFreeSeats() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = licences.cloudProduct();
        licences.licence(org, cloud.product(), SEATS);
        String token = fixtures.token(org);
        String group = jdbc.sql("select cast(id as varchar(36)) from access_right where name = ?").param(cloud.right())
                .query(String.class).single();
        List<TestMember> people = new ArrayList<>();
        for (int i = 0; i < JOINS; i++) {
            people.add(data.user(org));
        }
        ExecutorService pool = Executors.newFixedThreadPool(JOINS);
        try {
            CyclicBarrier start = new CyclicBarrier(JOINS);
            List<Future<Answer>> answers = new ArrayList<>();
            for (TestMember person : people) {
                answers.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return ScimFixtures.call(port, token, "PATCH", "/Groups/" + group,
                            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\","
                                    + "\"path\":\"members\",\"value\":[{\"value\":\"" + person.id() + "\"}]}]}");
                }));
            }
            int joined = 0;
            int refused = 0;
            for (Future<Answer> answer : answers) {
                int status = answer.get(120, TimeUnit.SECONDS).status();
                joined += status == 200 ? 1 : 0;
                refused += status == 409 ? 1 : 0;
            }
            long holders = jdbc.sql("""
                            select count(*) from membership m join membership_right mr on mr.membership_id = m.id
                            join access_right r on r.id = mr.right_id where m.organization_id = ? and r.name = ?""")
                    .params(org.value(), cloud.right()).query(Long.class).single();
            assertThat(joined).isEqualTo(SEATS);
            assertThat(refused).isEqualTo(JOINS - SEATS);
            assertThat(holders).isEqualTo(SEATS);
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.gatehouse.member;

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
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two changes that each would be fine alone, sent at the same moment over HTTP: whatever the
 * interleaving, the organization keeps an active Manager, the loser gets a 4xx saying why (never
 * a 5xx), and nobody hands out a right they no longer hold.
 */
@IntegrationTest
class LastManagerRaceTest {

    private static final int ROUNDS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static ExecutorService pool;

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    // ---- two Managers against each other

    @Test
    void twoManagersDemotingEachOtherAtOnceLeaveOneManager() throws Exception {
        mutualRounds(m -> patch(m.member(), "{\"role\":\"USER\"}"),
                Set.of("policy.lastManager", "policy.memberOutranksYou"));
    }

    @Test
    void twoManagersBlockingEachOtherAtOnceLeaveOneManager() throws Exception {
        // The loser may find themselves blocked already: that organization is then closed to them.
        mutualRounds(m -> patch(m.member(), "{\"blocked\":true}"),
                Set.of("policy.lastManager", "policy.membershipBlocked", "policy.managerOnly", "not-found"));
    }

    @Test
    void twoManagersRemovingEachOtherAtOnceLeaveOneManager() throws Exception {
        // The loser may no longer be a member at all: the organization is then none of theirs (404).
        mutualRounds(m -> new Call("DELETE", m.member(), null),
                Set.of("policy.lastManager", "not-found"));
    }

    @Test
    void twoManagersDisablingEachOtherAtOnceLeaveOneManager() throws Exception {
        // The loser's own account may be disabled by the time they act: refused, or not even signed in.
        mutualRounds(m -> new Call("PATCH", "/api/v1/users/" + m.target().id(), "{\"disabled\":true}"),
                Set.of("policy.lastManager", "policy.accountDisabled", "unauthorized"));
    }

    // ---- one vendor admin against both Managers at once: the loser is refused as the last Manager

    @Test
    void vendorAdminDisablingBothManagersAtOnceLeavesOne() throws Exception {
        adminRounds(target -> new Call("PATCH", "/api/v1/users/" + target.id(), "{\"disabled\":true}"));
    }

    @Test
    void vendorAdminDemotingBothManagersAtOnceLeavesOne() throws Exception {
        adminRounds(target -> patch(target.organizationId(), target, "{\"role\":\"OPERATOR\"}"));
    }

    @Test
    void vendorAdminBlockingBothManagersAtOnceLeavesOne() throws Exception {
        adminRounds(target -> patch(target.organizationId(), target, "{\"blocked\":true}"));
    }

    @Test
    void vendorAdminRemovingBothManagersAtOnceLeavesOne() throws Exception {
        adminRounds(target -> new Call("DELETE", memberPath(target.organizationId(), target), null));
    }

    @Test
    void vendorAdminDeletingBothManagerAccountsAtOnceLeavesOne() throws Exception {
        adminRounds(target -> new Call("DELETE", "/api/v1/users/" + target.id(), null));
    }

    // ---- approvals: each Manager of a vendor-managed organization asked to deactivate the other

    @Test
    void approvingBothManagersDeactivationsAtOnceLeavesOne() throws Exception {
        String support = data.staff(io.gatehouse.access.StaffRole.VENDOR_SUPPORT).email();
        for (int round = 0; round < ROUNDS; round++) {
            OrganizationId org = OrganizationId.parse(data.organization(io.gatehouse.organization.ManagementMode.VENDOR_MANAGED).id());
            TestMember a = data.manager(org);
            TestMember b = data.manager(org);
            String againstB = requestId(send(a, patch(org, b, "{\"blocked\":true,\"reason\":\"Left\"}")));
            String againstA = requestId(send(b, patch(org, a, "{\"blocked\":true,\"reason\":\"Left\"}")));

            List<Response> responses = race(new Sent(null, new Call("POST", "/api/v1/requests/" + againstB + "/approve", null)),
                    new Sent(new TestMember(null, support, TestData.PASSWORD, org, null),
                            new Call("POST", "/api/v1/requests/" + againstA + "/approve", null)));

            assertThat(activeManagers(org)).as("active Managers after round %d: %s", round, responses).isEqualTo(1);
            assertThat(responses.stream().filter(r -> r.status() == 200)).as("round %d: %s", round, responses).hasSize(1);
            Response loser = responses.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
            // Refused as the change no longer fits today's state, and the ticket stays open.
            assertThat(loser.status()).as("round %d: %s", round, loser.body()).isEqualTo(409);
            assertThat(jdbc.sql("select count(*) from change_request where organization_id = ? and status = 'APPLIED'")
                    .param(org.value()).query(Long.class).single()).isEqualTo(1);
        }
    }

    private Response send(TestMember as, Call call) throws Exception {
        HttpResponse<String> response = HTTP.send(request(new Sent(as, call)), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private static String requestId(Response receipt) {
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(202);
        return JSON.readTree(receipt.body()).get("requestId").asString();
    }

    // ---- a grant racing the withdrawal of the granter's own right

    @Test
    void aRightIsNeverGrantedBySomeoneWhoLostItBeforeTheGrantCommitted() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            OrganizationId org = data.organizationId();
            TestMember manager = data.manager(org);
            TestMember granter = data.userManager(org, "Licenses");
            TestMember target = data.user(org);

            List<Response> responses = race(
                    new Sent(granter, patch(org, target, "{\"rights\":[\"Licenses\"]}")),
                    new Sent(manager, patch(org, granter, "{\"rights\":[\"User Management\"]}")));
            Response grant = responses.get(0);
            Response withdrawal = responses.get(1);

            assertThat(withdrawal.status()).as("the withdrawal, round %d", round).isEqualTo(200);
            assertThat(rights(org, granter)).containsExactly("User Management");
            if (grant.status() == 200) {
                // Granted only while the granter still held the right: the grant was over before the withdrawal began.
                assertThat(rights(org, target)).containsExactly("Licenses");
                assertThat(occurredAt(org, target, "member.changed"))
                        .as("round %d: the grant comes first", round)
                        .isBeforeOrEqualTo(occurredAt(org, granter, "member.changed"));
            } else {
                assertThat(grant.status()).as("round %d: %s", round, grant.body()).isEqualTo(403);
                assertThat(grant.reason()).isEqualTo("policy.rightNotHeld");
                assertThat(rights(org, target)).isEmpty();
                assertThat(data.auditEntries(org, "member.changed")).isEqualTo(1);
            }
        }
    }

    // ---- the rounds

    private record Mutual(TestMember actor, TestMember target) {

        String member() {
            return memberPath(target.organizationId(), target);
        }
    }

    private interface MutualCall {
        Call of(Mutual mutual);
    }

    private interface AdminCall {
        Call of(TestMember target);
    }

    /** Each of two Managers does the same thing to the other at the same moment. */
    private void mutualRounds(MutualCall call, Set<String> loserReasons) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            OrganizationId org = data.organizationId();
            TestMember a = data.manager(org);
            TestMember b = data.manager(org);
            List<Response> responses = race(new Sent(a, call.of(new Mutual(a, b))), new Sent(b, call.of(new Mutual(b, a))));
            expectOneWinner(org, round, responses, loserReasons);
        }
    }

    /** The vendor admin does the same thing to both Managers at the same moment. */
    private void adminRounds(AdminCall call) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            OrganizationId org = data.organizationId();
            TestMember a = data.manager(org);
            TestMember b = data.manager(org);
            List<Response> responses = race(new Sent(null, call.of(a)), new Sent(null, call.of(b)));
            expectOneWinner(org, round, responses, Set.of("policy.lastManager"));
        }
    }

    private void expectOneWinner(OrganizationId org, int round, List<Response> responses, Set<String> loserReasons) {
        assertThat(activeManagers(org)).as("active Managers after round %d: %s", round, responses).isEqualTo(1);
        List<Response> won = responses.stream().filter(r -> r.status() / 100 == 2).toList();
        List<Response> lost = responses.stream().filter(r -> r.status() / 100 != 2).toList();
        assertThat(won).as("round %d: %s", round, responses).hasSize(1);
        assertThat(lost).as("round %d: %s", round, responses).hasSize(1);
        Response loser = lost.get(0);
        assertThat(loser.status()).as("round %d: %s", round, loser.body()).isIn(401, 403, 404, 409);
        assertThat(loser.reason()).as("round %d: %s", round, loser.body()).isIn(loserReasons);
    }

    private long activeManagers(OrganizationId org) {
        return jdbc.sql("""
                        select count(*) from membership m join user_account u on u.id = m.user_id
                        where m.organization_id = ? and m.role = 'MANAGER' and m.status = 'ACTIVE' and u.status = 'ACTIVE'""")
                .param(org.value()).query(Long.class).single();
    }

    private List<String> rights(OrganizationId org, TestMember member) {
        return jdbc.sql("""
                        select r.name from membership m join membership_right mr on mr.membership_id = m.id
                        join access_right r on r.id = mr.right_id where m.organization_id = ? and m.user_id = ?""")
                .params(org.value(), member.userId().value()).query(String.class).list();
    }

    private Timestamp occurredAt(OrganizationId org, TestMember target, String action) {
        return jdbc.sql("select occurred_at from audit_entry where organization_id = ? and target_id = ? and action = ?")
                .params(org.value(), target.id(), action).query(Timestamp.class).single();
    }

    // ---- HTTP, for real, from two threads released together

    private record Call(String method, String path, String body) {
    }

    /** A call by a member, or by the vendor admin when {@code as} is null. */
    private record Sent(TestMember as, Call call) {
    }

    private record Response(int status, String body) {

        /** The policy's reason, or the kind of problem when there is none. */
        String reason() {
            if (status == 401) {
                return "unauthorized";
            }
            JsonNode problem = JSON.readTree(body);
            if (problem.hasNonNull("reason")) {
                return problem.get("reason").asString();
            }
            String type = problem.path("type").asString("");
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }

    private List<Response> race(Sent first, Sent second) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Response>> futures = new ArrayList<>();
        for (Sent sent : List.of(first, second)) {
            HttpRequest request = request(sent);
            futures.add(pool.submit(() -> {
                together.await();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body());
            }));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            Response response = future.get();
            assertThat(response.status()).as("never a 5xx: %s", response.body()).isLessThan(500);
            responses.add(response);
        }
        return responses;
    }

    private HttpRequest request(Sent sent) {
        String user = sent.as() == null ? TestData.ADMIN_EMAIL : sent.as().email();
        String password = sent.as() == null ? TestData.ADMIN_PASSWORD : sent.as().password();
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest.BodyPublisher body = sent.call().body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(sent.call().body());
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + sent.call().path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(sent.call().method(), body)
                .build();
    }

    private static Call patch(String path, String body) {
        return new Call("PATCH", path, body);
    }

    private static Call patch(OrganizationId org, TestMember target, String body) {
        return new Call("PATCH", memberPath(org, target), body);
    }

    private static String memberPath(OrganizationId org, TestMember target) {
        return "/api/v1/organizations/" + org + "/members/" + target.id();
    }
}

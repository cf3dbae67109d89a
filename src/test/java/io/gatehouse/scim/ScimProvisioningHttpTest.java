package io.gatehouse.scim;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.licence.LicenceFixtures;
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.scim.ScimFixtures.Answer;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.Accounts;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /scim/v2 over plain HTTP, with the bodies Microsoft Entra ID and Okta send. */
@IntegrationTest
@Import({ScimFixtures.class, LicenceFixtures.class})
class ScimProvisioningHttpTest {

    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":";

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ScimFixtures fixtures;

    @Autowired
    LicenceFixtures licences;

    @Autowired
    Members members;

    @Autowired
    Accounts accounts;

    @Autowired
    ScimTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void basicAuthenticationWithTheTokenAsPasswordIsAccepted() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("anyone:" + token).getBytes(StandardCharsets.UTF_8));

        Answer answer = ScimFixtures.call(port, null, "GET", "/Users", null, "Authorization", basic);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/scim+json");
        assertThat(read(answer).path("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void aRevokedOrWrongTokenIsRefusedWith401InScimShape() {
        TestMember manager = data.manager(data.organizationId());
        ScimTokens.IssuedToken issued = tokens.issue(data.actor(manager.userId()), manager.organizationId(), "Okta");
        assertThat(ScimFixtures.call(port, issued.token(), "GET", "/Users", null).status()).isEqualTo(200);

        tokens.revoke(data.actor(manager.userId()), manager.organizationId(), issued.id());

        Answer revoked = ScimFixtures.call(port, issued.token(), "GET", "/Users", null);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(read(revoked).path("schemas").get(0).asString()).isEqualTo(ScimErrors.ERROR_SCHEMA);
        assertThat(read(revoked).path("status").asString()).isEqualTo("401");
        assertThat(ScimFixtures.call(port, "scim_wrong", "GET", "/Users", null).status()).isEqualTo(401);
        assertThat(ScimFixtures.call(port, null, "GET", "/ServiceProviderConfig", null).status()).isEqualTo(401);
    }

    @Test
    void anotherOrganizationsUserAnswers404AndStaysUnchanged() {
        String token = fixtures.token(data.organizationId());
        TestMember stranger = data.user(data.organizationId());

        assertThat(ScimFixtures.call(port, token, "GET", "/Users/" + stranger.id(), null).status()).isEqualTo(404);
        Answer patch = ScimFixtures.call(port, token, "PATCH", "/Users/" + stranger.id(),
                PATCH + "[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
        assertThat(patch.status()).isEqualTo(404);
        assertThat(ScimFixtures.call(port, token, "DELETE", "/Users/" + stranger.id(), null).status()).isEqualTo(404);
        assertThat(ScimFixtures.call(port, token, "GET", "/Users/not-a-uuid", null).status()).isEqualTo(404);

        assertThat(accounts.find(stranger.userId()).disabled()).isFalse();
        assertThat(members.get(data.admin(), stranger.organizationId(), stranger.userId())).isNotNull();
    }

    @Test
    void entraIdPatchShapesApply() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        TestMember person = data.user(org);

        Answer answer = ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(), PATCH + """
                [{"op":"Replace","path":"active","value":"False"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"},
                 {"op":"Replace","path":"name.givenName","value":"Grace"},
                 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"%s"},
                 {"op":"Add","path":"externalId","value":"aad-123"},
                 {"op":"Add","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+33 6 00 00 00 00"},
                 {"op":"Add","path":"addresses[type eq \\"work\\"].formatted","value":"1 rue de la Paix"},
                 {"op":"Replace","path":"displayName","value":"Grace H."},
                 {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"aad-boss"}]}
                """.formatted(person.email()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode user = read(answer);
        assertThat(user.path("active").asBoolean()).isFalse();
        assertThat(user.path("name").path("givenName").asString()).isEqualTo("Grace");
        assertThat(user.path("externalId").asString()).isEqualTo("aad-123");
        JsonNode enterprise = user.path(ScimUserResource.ENTERPRISE);
        assertThat(enterprise.path("department").asString()).isEqualTo("Sales");
        assertThat(enterprise.path("manager").path("value").asString()).isEqualTo("aad-boss");
        assertThat(accounts.find(person.userId()).disabled()).isTrue();
        assertThat(data.auditEntries(org, "scim.user.changed")).isEqualTo(1);
        String label = jdbc.sql("select actor_label from audit_entry where organization_id = ? and action = 'scim.user.changed'")
                .param(org.value()).query(String.class).single();
        assertThat(label).contains("via SCIM token");
    }

    @Test
    void oktaPatchShapesApply() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        TestMember person = data.user(org);

        Answer off = ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(),
                PATCH + "[{\"op\":\"replace\",\"value\":{\"active\":false}}]}");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(accounts.find(person.userId()).disabled()).isTrue();

        Answer on = ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(), PATCH
                + "[{\"op\":\"replace\",\"value\":{\"id\":\"" + person.id() + "\",\"active\":true,\"name.familyName\":\"Hopper\","
                + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"department\":\"Navy\"}}}]}");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(read(on).path("name").path("familyName").asString()).isEqualTo("Hopper");
        assertThat(read(on).path(ScimUserResource.ENTERPRISE).path("department").asString()).isEqualTo("Navy");
        assertThat(accounts.find(person.userId()).disabled()).isFalse();
    }

    @Test
    void groupMembersAreAddedAndRemovedInBothDirectoriesShapes() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        TestMember first = data.user(org);
        TestMember second = data.user(org);
        String showcase = "00000000-0000-0000-0000-00000000b001";

        Answer okta = ScimFixtures.call(port, token, "PATCH", "/Groups/" + showcase, PATCH
                + "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + first.id() + "\",\"display\":\"x\"},"
                + "{\"value\":\"" + second.id() + "\"}]}]}");
        assertThat(okta.status()).as(okta.body()).isEqualTo(200);
        assertThat(members.get(data.admin(), org, first.userId()).rights()).contains("Showcase 360 Administrator");
        assertThat(members.get(data.admin(), org, second.userId()).rights()).contains("Showcase 360 Administrator");

        Answer entra = ScimFixtures.call(port, token, "PATCH", "/Groups/" + showcase, PATCH
                + "[{\"op\":\"Remove\",\"path\":\"members[value eq \\\"" + first.id() + "\\\"]\"}]}");
        assertThat(entra.status()).as(entra.body()).isEqualTo(200);
        Answer oktaRemove = ScimFixtures.call(port, token, "PATCH", "/Groups/" + showcase, PATCH
                + "[{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + second.id() + "\"}]}]}");
        assertThat(oktaRemove.status()).as(oktaRemove.body()).isEqualTo(200);

        assertThat(members.get(data.admin(), org, first.userId()).rights()).doesNotContain("Showcase 360 Administrator");
        assertThat(members.get(data.admin(), org, second.userId()).rights()).doesNotContain("Showcase 360 Administrator");
        assertThat(data.auditEntries(org, "member.changed")).isEqualTo(4);

        String manager = ScimGroupCatalog.roleId(io.gatehouse.access.Role.MANAGER);
        Answer promoted = ScimFixtures.call(port, token, "PATCH", "/Groups/" + manager, PATCH
                + "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + first.id() + "\"}]}]}");
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(members.get(data.admin(), org, first.userId()).role()).isEqualTo(io.gatehouse.access.Role.MANAGER);
    }

    @Test
    void beyondTheSeatsAGroupPatchAnswers409AndChangesNothing() {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = licences.cloudProduct();
        licences.licence(org, cloud.product(), 1);
        String token = fixtures.token(org);
        TestMember first = data.user(org);
        TestMember second = data.user(org);
        String group = jdbc.sql("select cast(id as varchar(36)) from access_right where name = ?").param(cloud.right())
                .query(String.class).single();

        Answer answer = ScimFixtures.call(port, token, "PATCH", "/Groups/" + group, PATCH
                + "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + first.id() + "\"},{\"value\":\""
                + second.id() + "\"}]}]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(read(answer).path("detail").asString()).contains("1");
        assertThat(members.get(data.admin(), org, first.userId()).rights()).doesNotContain(cloud.right());
        assertThat(members.get(data.admin(), org, second.userId()).rights()).doesNotContain(cloud.right());
    }

    @Test
    void aVendorManagedOrganizationIsReadButNotWritten() {
        OrganizationId org = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        String token = fixtures.token(org);
        TestMember person = data.user(org);

        assertThat(ScimFixtures.call(port, token, "GET", "/Users", null).status()).isEqualTo(200);
        Answer create = ScimFixtures.call(port, token, "POST", "/Users",
                "{\"userName\":\"new-" + System.nanoTime() + "@example.test\",\"name\":{\"givenName\":\"A\",\"familyName\":\"B\"}}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(read(create).path("detail").asString()).contains("vendor");
        Answer disable = ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(),
                PATCH + "[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
        assertThat(disable.status()).isEqualTo(403);
        assertThat(ScimFixtures.call(port, token, "DELETE", "/Users/" + person.id(), null).status()).isEqualTo(403);
        assertThat(accounts.find(person.userId()).disabled()).isFalse();
    }

    @Test
    void filtersSortAndPageOnTheDatabase() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        TestMember a = data.user(org);
        TestMember b = data.user(org);

        assertThat(total(token, "userName eq \"" + a.email().toUpperCase() + "\"")).isEqualTo(1);
        assertThat(total(token, "emails[type eq \"work\"].value eq \"" + a.email() + "\"")).isEqualTo(1);
        // The part of the address only this person has: test addresses differ in their last digits.
        assertThat(total(token, "emails.value co \"" + a.email().substring(2, a.email().indexOf('@')) + "\"")).isEqualTo(1);
        assertThat(total(token, "userName sw \"person\" and active eq true")).isEqualTo(3);
        assertThat(total(token, "userName sw \"person\" and not (userName eq \"" + a.email() + "\")")).isEqualTo(2);
        assertThat(total(token, "name.familyName pr and not (userName eq \"" + b.email() + "\")")).isEqualTo(2);
        assertThat(total(token, "userName ew \"@example.test\" or externalId eq \"none\"")).isEqualTo(3);
        assertThat(total(token, "meta.lastModified gt \"2000-01-01T00:00:00Z\"")).isEqualTo(3);
        assertThat(total(token, "meta.created lt \"2000-01-01T00:00:00Z\"")).isEqualTo(0);

        Answer page = ScimFixtures.call(port, token, "GET", "/Users?sortBy=userName&sortOrder=descending&startIndex=2&count=1", null);
        JsonNode list = read(page);
        assertThat(list.path("totalResults").asInt()).isEqualTo(3);
        assertThat(list.path("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(list.path("startIndex").asInt()).isEqualTo(2);

        Answer unknown = ScimFixtures.call(port, token, "GET", "/Users?filter=" + encode("shoeSize eq \"9\""), null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(read(unknown).path("scimType").asString()).isEqualTo("invalidFilter");
        Answer broken = ScimFixtures.call(port, token, "GET", "/Users?filter=" + encode("userName eq"), null);
        assertThat(read(broken).path("scimType").asString()).isEqualTo("invalidFilter");
    }

    @Test
    void pagesFollowTheOrderAskedWhetherItComesFromTheMembershipTheAccountOrTheDirectory() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        data.user(org);
        data.user(org);

        for (String sortBy : List.of("userName", "title", "meta.lastModified")) {
            List<String> whole = userNames(read(ScimFixtures.call(port, token, "GET",
                    "/Users?sortBy=" + sortBy + "&sortOrder=descending", null)));
            List<String> oneByOne = new java.util.ArrayList<>();
            for (int start = 1; start <= 3; start++) {
                JsonNode page = read(ScimFixtures.call(port, token, "GET",
                        "/Users?sortBy=" + sortBy + "&sortOrder=descending&startIndex=" + start + "&count=1", null));
                assertThat(page.path("totalResults").asInt()).as(sortBy).isEqualTo(3);
                oneByOne.addAll(userNames(page));
            }
            assertThat(whole).as(sortBy).hasSize(3);
            assertThat(oneByOne).as(sortBy).isEqualTo(whole);
        }
        List<String> byUserName = userNames(read(ScimFixtures.call(port, token, "GET",
                "/Users?filter=" + encode("userName pr") + "&sortBy=userName&sortOrder=descending", null)));
        assertThat(byUserName).hasSize(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode beyond = read(ScimFixtures.call(port, token, "GET", "/Users?startIndex=4&count=2", null));
        assertThat(beyond.path("totalResults").asInt()).isEqualTo(3);
        assertThat(userNames(beyond)).isEmpty();
    }

    private List<String> userNames(JsonNode list) {
        List<String> names = new java.util.ArrayList<>();
        list.path("Resources").forEach(user -> names.add(user.path("userName").asString().toLowerCase(java.util.Locale.ROOT)));
        return names;
    }

    @Test
    void aFilterCarryingSqlIsOnlyAValue() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        data.user(org);
        long membersBefore = jdbc.sql("select count(*) from membership").query(Long.class).single();

        assertThat(total(token, "userName eq \"x\\\" or 1=1 --\"")).isEqualTo(0);
        assertThat(total(token, "userName eq \"a' or '1'='1\"")).isEqualTo(0);
        assertThat(total(token, "userName co \"%\"")).isEqualTo(0);
        assertThat(total(token, "userName co \"_\"")).isEqualTo(0);
        assertThat(total(token, "userName eq \"'; delete from membership; --\"")).isEqualTo(0);
        Answer injected = ScimFixtures.call(port, token, "GET", "/Users?filter=" + encode("userName eq \"a\") or (1 eq 1"), null);
        assertThat(injected.status()).isEqualTo(400);

        assertThat(jdbc.sql("select count(*) from membership").query(Long.class).single()).isEqualTo(membersBefore);
    }

    @Test
    void ifMatchWithAnOldVersionAnswers412AndChangesNothing() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        TestMember person = data.user(org);
        Answer read = ScimFixtures.call(port, token, "GET", "/Users/" + person.id(), null);
        assertThat(read.etag()).startsWith("W/\"");

        Answer stale = ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(),
                PATCH + "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Chief\"}]}", "If-Match", "W/\"999999\"");
        assertThat(stale.status()).isEqualTo(412);
        Answer fresh = ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(),
                PATCH + "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Chief\"}]}", "If-Match", read.etag());
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(fresh.etag()).isNotEqualTo(read.etag());
    }

    @Test
    void creatingAUserWhoseAccountExistsAddsThatAccountWithoutTakingItOver() {
        TestMember existing = data.user(data.organizationId());
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        String nameBefore = accounts.find(existing.userId()).lastName();

        Answer created = ScimFixtures.call(port, token, "POST", "/Users", "{\"schemas\":[\"" + ScimUserResource.SCHEMA + "\"],"
                + "\"userName\":\"" + existing.email().toUpperCase() + "\",\"name\":{\"givenName\":\"Mallory\",\"familyName\":\"Taker\"},"
                + "\"password\":\"Stolen-Password-123\",\"externalId\":\"okta-1\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(read(created).path("id").asString()).isEqualTo(existing.id());
        assertThat(accounts.find(existing.userId()).lastName()).isEqualTo(nameBefore);
        assertThat(accounts.credentials(existing.email()).orElseThrow().passwordHash()).isNotNull();
        assertThat(signsIn(existing.email(), TestData.PASSWORD)).isTrue();
        assertThat(signsIn(existing.email(), "Stolen-Password-123")).isFalse();

        Answer again = ScimFixtures.call(port, token, "POST", "/Users",
                "{\"userName\":\"" + existing.email() + "\",\"name\":{\"givenName\":\"A\",\"familyName\":\"B\"}}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(read(again).path("scimType").asString()).isEqualTo("uniqueness");
    }

    @Test
    void deletingAUserRemovesTheMembershipAndKeepsTheAccount() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        TestMember person = data.user(org);

        assertThat(ScimFixtures.call(port, token, "DELETE", "/Users/" + person.id(), null).status()).isEqualTo(204);

        assertThat(ScimFixtures.call(port, token, "GET", "/Users/" + person.id(), null).status()).isEqualTo(404);
        assertThat(accounts.find(person.userId())).isNotNull();
        assertThat(data.auditEntries(org, "member.removed")).isEqualTo(1);
    }

    @Test
    void badBodiesAnswer400InScimShape() {
        OrganizationId org = data.organizationId();
        String token = fixtures.token(org);
        TestMember person = data.user(org);

        assertThat(read(ScimFixtures.call(port, token, "POST", "/Users", "{not json")).path("scimType").asString())
                .isEqualTo("invalidSyntax");
        assertThat(read(ScimFixtures.call(port, token, "POST", "/Users", "{\"userName\":\"no-at-sign\"}")).path("scimType").asString())
                .isEqualTo("invalidValue");
        assertThat(read(ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(),
                PATCH + "[{\"op\":\"jump\",\"path\":\"active\",\"value\":true}]}")).path("scimType").asString()).isEqualTo("invalidSyntax");
        assertThat(read(ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(),
                PATCH + "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}")).path("scimType").asString()).isEqualTo("mutability");
        assertThat(read(ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(),
                PATCH + "[{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":\"9\"}]}")).path("status").asString()).isEqualTo("400");
        assertThat(read(ScimFixtures.call(port, token, "PATCH", "/Users/" + person.id(),
                PATCH + "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"perhaps\"}]}")).path("scimType").asString())
                .isEqualTo("invalidValue");
        assertThat(accounts.find(person.userId()).disabled()).isFalse();
    }

    private int total(String token, String filter) {
        Answer answer = ScimFixtures.call(port, token, "GET", "/Users?filter=" + encode(filter), null);
        assertThat(answer.status()).as(filter + " → " + answer.body()).isEqualTo(200);
        return read(answer).path("totalResults").asInt();
    }

    private boolean signsIn(String email, String password) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            var response = ScimFixtures.HTTP.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/v1/me")).header("Authorization", basic).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonNode read(Answer answer) {
        return json.readTree(answer.body());
    }
}

package io.gatehouse.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import io.gatehouse.member.MemberView;
import io.gatehouse.member.Members;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** Every SCIM operation driven by an independent SCIM client library (UnboundID scim2-sdk-client) over HTTP. */
@IntegrationTest
@Import(ScimFixtures.class)
class ScimClientLibraryTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ScimFixtures fixtures;

    @Autowired
    Members members;

    OrganizationId org;
    TestMember manager;
    ScimService scim;

    @BeforeEach
    void connect() {
        org = data.organizationId();
        manager = data.manager(org);
        String token = fixtures.token(manager);
        scim = new ScimService(ClientBuilder.newClient(JdkHttpConnector.config())
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization", "Bearer " + token))
                .target("http://localhost:" + port + "/scim/v2"));
    }

    @Test
    void discoveryDescribesPatchFilterSortEtagUsersGroupsAndTheirSchemas() throws Exception {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(config.getEtag().isSupported()).isTrue();
        assertThat(config.getBulk().isSupported()).isFalse();

        ListResponse<ResourceTypeResource> types = scim.getResourceTypes();
        assertThat(types.getResources()).extracting(ResourceTypeResource::getName).containsExactly("User", "Group");
        assertThat(scim.getResourceType("User").getSchemaExtensions()).hasSize(1);

        ListResponse<SchemaResource> schemas = scim.getSchemas();
        assertThat(schemas.getResources()).extracting(SchemaResource::getId).contains(ScimUserResource.SCHEMA,
                ScimUserResource.ENTERPRISE, ScimGroupResource.SCHEMA);
        assertThat(scim.getSchema(ScimUserResource.SCHEMA).getAttributes()).extracting(a -> a.getName()).contains("userName", "active");
    }

    @Test
    void createsReadsFindsReplacesPatchesAndDeletesAUser() throws Exception {
        String email = TestData.unique("ada").toLowerCase() + "@example.test";
        UserResource user = new UserResource().setUserName(email)
                .setName(new Name().setGivenName("Ada").setFamilyName("Lovelace"))
                .setEmails(new Email().setValue(email).setType("work").setPrimary(true))
                .setActive(true);
        user.setExternalId("ext-" + email);
        user.setExtension(new EnterpriseUserExtension().setDepartment("Engines"));

        UserResource created = scim.create("Users", user);
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getMeta().getVersion()).startsWith("W/\"");
        assertThat(created.getExtension(EnterpriseUserExtension.class).getDepartment()).isEqualTo("Engines");
        MemberView member = members.get(data.admin(), org, UserId.parse(created.getId()));
        assertThat(member.email()).isEqualTo(email);
        assertThat(member.lastName()).isEqualTo("Lovelace");

        UserResource read = scim.retrieve("Users", created.getId(), UserResource.class);
        assertThat(read.getUserName()).isEqualTo(email);
        assertThat(read.getExternalId()).isEqualTo("ext-" + email);
        assertThat(read.getActive()).isTrue();

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter("userName eq \"" + email.toUpperCase() + "\" and name.familyName sw \"love\"").invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources().get(0).getId()).isEqualTo(created.getId());

        read.setName(new Name().setGivenName("Ada").setFamilyName("King"));
        read.setTitle("Analyst");
        UserResource replaced = scim.replace(read);
        assertThat(replaced.getName().getFamilyName()).isEqualTo("King");
        assertThat(replaced.getTitle()).isEqualTo("Analyst");
        assertThat(replaced.getMeta().getVersion()).isNotEqualTo(read.getMeta().getVersion());

        UserResource patched = scim.modifyRequest("Users", created.getId())
                .replaceValue("name.givenName", "Augusta")
                .replaceValue("active", false)
                .invoke(UserResource.class);
        assertThat(patched.getName().getGivenName()).isEqualTo("Augusta");
        assertThat(patched.getActive()).isFalse();
        assertThat(members.get(data.admin(), org, UserId.parse(created.getId())).status().name()).isEqualTo("DISABLED");

        scim.delete("Users", created.getId());
        assertThatThrownBy(() -> scim.retrieve("Users", created.getId(), UserResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listsGroupsAndAddsAndRemovesMembersGrantingAndWithdrawingTheRight() throws Exception {
        TestMember person = data.user(org);
        ListResponse<GroupResource> groups = scim.searchRequest("Groups").filter("displayName eq \"Customer Portal Licenses\"")
                .invoke(GroupResource.class);
        assertThat(groups.getTotalResults()).isEqualTo(1);
        String licenses = groups.getResources().get(0).getId();
        assertThat(scim.searchRequest("Groups").invoke(GroupResource.class).getResources())
                .extracting(GroupResource::getDisplayName).contains("Showcase 360 Administrator", "Manager", "User");

        GroupResource joined = scim.modifyRequest("Groups", licenses)
                .addValues("members", new Member().setValue(person.id())).invoke(GroupResource.class);
        assertThat(joined.getMembers()).extracting(Member::getValue).contains(person.id());
        assertThat(members.get(data.admin(), org, person.userId()).rights()).contains("Licenses");

        scim.modifyRequest("Groups", licenses).removeValues("members[value eq \"" + person.id() + "\"]").invoke(GroupResource.class);
        assertThat(members.get(data.admin(), org, person.userId()).rights()).doesNotContain("Licenses");
        assertThat(scim.retrieve("Groups", licenses, GroupResource.class).getMembers()).isNullOrEmpty();
    }
}

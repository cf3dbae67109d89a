package io.gatehouse.nodes;

import java.io.IOException;
import java.util.UUID;

/** Organizations and people made through the API as the vendor admin, each with names of its own. */
final class People {

    static final String PASSWORD = "Cluster-Member-Pass-2026!";

    record Person(String organizationId, String userId, String email, String password) {
    }

    private People() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String organization(Node node) throws IOException, InterruptedException {
        Client.Response created = Client.admin().post(node, "/api/v1/organizations",
                "{\"name\":\"" + unique("Org") + "\",\"region\":\"EU\",\"managementMode\":\"SELF_MANAGED\"}");
        expect(created, 201);
        return created.json("$.id");
    }

    /** A member of the organization with a password of their own, made on the given node. */
    static Person member(Node node, String organizationId, String role) throws IOException, InterruptedException {
        String email = unique("person").toLowerCase() + "@example.test";
        Client.Response created = Client.admin().post(node, "/api/v1/organizations/" + organizationId + "/members",
                "{\"firstName\":\"Pat\",\"lastName\":\"" + unique("Node") + "\",\"email\":\"" + email + "\",\"password\":\""
                        + PASSWORD + "\",\"role\":\"" + role + "\"}");
        expect(created, 201);
        return new Person(organizationId, created.json("$.userId"), email, PASSWORD);
    }

    static Client.Response expect(Client.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("Expected HTTP " + status + ", got " + response);
        }
        return response;
    }
}

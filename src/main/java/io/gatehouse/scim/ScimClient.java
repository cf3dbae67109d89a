package io.gatehouse.scim;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.Objects;
import java.util.UUID;

/** Who calls /scim/v2: a directory holding one organization's token, acting as the token's creator. */
record ScimClient(UUID tokenId, String tokenName, OrganizationId organization, UserId createdBy) {

    static final String ATTRIBUTE = ScimClient.class.getName();

    ScimClient {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}

package io.gatehouse.webhook;

import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogApplication;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.MemberAccessChanged;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.MembershipStatus;
import io.gatehouse.organization.Organizations;
import io.gatehouse.user.Accounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of the "access changed" webhook for one application, written from the state the
 * change leaves behind: only that application's rights are named, never those of another.
 */
@Component
class AccessChangePayload {

    static final String TYPE = "access.changed";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Memberships memberships;
    private final Accounts accounts;
    private final Organizations organizations;
    private final Catalog catalog;

    AccessChangePayload(Memberships memberships, Accounts accounts, Organizations organizations, Catalog catalog) {
        this.memberships = memberships;
        this.accounts = accounts;
        this.organizations = organizations;
        this.catalog = catalog;
    }

    /** One body per application concerned that is in the catalogue, keyed by the application's id. */
    Map<UUID, String> render(MemberAccessChanged change, Set<UUID> applicationIds) {
        Optional<MemberFacts> member = memberships.find(change.organizationId(), change.userId());
        boolean active = member.map(m -> m.status() == MembershipStatus.ACTIVE).orElse(false) && accounts.isActive(change.userId());
        Set<String> held = member.map(MemberFacts::rights).orElse(Set.of());
        String organizationName = organizations.name(change.organizationId());
        Map<UUID, String> bodies = new LinkedHashMap<>();
        for (CatalogApplication application : catalog.applications()) {
            if (!applicationIds.contains(application.id())) {
                continue;
            }
            Set<String> own = application.rights().stream().map(CatalogRight::name).collect(Collectors.toSet());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sub", change.userId().value().toString());
            data.put("organization", Map.of("id", change.organizationId().value().toString(), "name", organizationName));
            data.put("application", Map.of("id", application.id().toString(), "name", application.name()));
            data.put("changes", change.changes().stream().sorted().map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            data.put("rightsGranted", only(change.rightsGranted(), own));
            data.put("rightsWithdrawn", only(change.rightsWithdrawn(), own));
            data.put("rights", application.rights().stream().map(CatalogRight::name).filter(held::contains).toList());
            data.put("active", active);
            data.put("changeRequestId", change.changeRequestId() == null ? null : change.changeRequestId().toString());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", TYPE);
            body.put("timestamp", change.at().toString());
            body.put("data", data);
            bodies.put(application.id(), JSON.writeValueAsString(body));
        }
        return bodies;
    }

    private static List<String> only(Set<String> names, Set<String> own) {
        return names.stream().filter(own::contains).sorted().toList();
    }
}

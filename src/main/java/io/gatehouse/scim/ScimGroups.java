package io.gatehouse.scim;

import io.gatehouse.access.Role;
import io.gatehouse.member.MemberView;
import io.gatehouse.member.Members;
import io.gatehouse.scim.ScimGroupCatalog.Group;
import io.gatehouse.scim.ScimSecurity.ScimCaller;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * SCIM Groups: a right's group holds the members holding that right, a role's group the members
 * with that role. Joining or leaving one is a change of the member through User Management, one
 * member at a time in one transaction: when one change is refused (a seat, the policy), nothing of
 * the request stays.
 */
@Service
@Transactional
class ScimGroups {

    private final ScimGroupCatalog catalog;
    private final ScimUserStore store;
    private final ScimUsers users;
    private final Members members;

    ScimGroups(ScimGroupCatalog catalog, ScimUserStore store, ScimUsers users, Members members) {
        this.catalog = catalog;
        this.store = store;
        this.users = users;
        this.members = members;
    }

    @Transactional(readOnly = true)
    Map<String, Object> list(ScimCaller caller, String filter, Integer startIndex, Integer count, boolean withMembers, String base) {
        users.requireRead(caller);
        ScimFilter parsed = filter == null || filter.isBlank() ? null : FilterParser.parse(filter);
        ScimGroupResource.Members view = members(caller.client().organization());
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Group group : catalog.groups()) {
            if (parsed == null || GroupFilter.matches(parsed, group, view.ids(group))) {
                matching.add(ScimGroupResource.of(group, view, withMembers, base));
            }
        }
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? ScimUsers.DEFAULT_COUNT : Math.max(0, Math.min(count, ScimUsers.MAX_COUNT));
        List<Map<String, Object>> page = matching.stream().skip(start - 1L).limit(size).toList();
        return ScimUserResource.list(page, matching.size(), start);
    }

    @Transactional(readOnly = true)
    Map<String, Object> get(ScimCaller caller, String id, boolean withMembers, String base) {
        users.requireRead(caller);
        Group group = find(id);
        return ScimGroupResource.of(group, members(caller.client().organization()), withMembers, base);
    }

    Map<String, Object> patch(ScimCaller caller, String id, JsonNode body, String ifMatch, String base) {
        users.requireWrite(caller);
        Group group = find(id);
        List<PatchOperation> operations = PatchOperation.parse(body);
        OrganizationId organization = caller.client().organization();
        ScimGroupResource.Members before = members(organization);
        ETags.require(ifMatch, ScimGroupResource.etag(before.ids(group)));
        Set<UUID> wanted = new LinkedHashSet<>(before.ids(group));
        for (PatchOperation operation : operations) {
            GroupPatch.apply(operation, group, wanted);
        }
        change(caller, group, before.ids(group), wanted);
        return ScimGroupResource.of(group, members(organization), true, base);
    }

    Map<String, Object> replace(ScimCaller caller, String id, JsonNode body, String ifMatch, String base) {
        users.requireWrite(caller);
        Group group = find(id);
        ScimGroupResource.Members before = members(caller.client().organization());
        ETags.require(ifMatch, ScimGroupResource.etag(before.ids(group)));
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a Group object");
        }
        String displayName = Json.text(Json.field(body, "displayName"), "displayName");
        if (displayName != null && !displayName.strip().equalsIgnoreCase(group.displayName())) {
            throw ScimException.mutability("displayName");
        }
        JsonNode listed = Json.field(body, "members");
        Set<UUID> wanted = listed == null || listed.isNull() ? new LinkedHashSet<>() : GroupPatch.memberIds(listed);
        change(caller, group, before.ids(group), wanted);
        return ScimGroupResource.of(group, members(caller.client().organization()), true, base);
    }

    private void change(ScimCaller caller, Group group, List<UUID> before, Set<UUID> wanted) {
        OrganizationId organization = caller.client().organization();
        for (UUID user : wanted) {
            if (!before.contains(user)) {
                join(caller, organization, group, member(caller, organization, user));
            }
        }
        for (UUID user : before) {
            if (!wanted.contains(user)) {
                leave(caller, organization, group, member(caller, organization, user));
            }
        }
    }

    private void join(ScimCaller caller, OrganizationId organization, Group group, MemberView member) {
        if (group.role() != null) {
            members.change(caller.actor(), organization, UserId.parse(member.userId()),
                    new Members.MemberChange(group.role(), null, null, null));
            return;
        }
        List<String> rights = new ArrayList<>(member.rights());
        rights.add(group.right().name());
        changeRights(caller, organization, member, rights);
    }

    /** Leaving a role's group makes the member a User; the User group itself is left by taking another role. */
    private void leave(ScimCaller caller, OrganizationId organization, Group group, MemberView member) {
        if (group.role() != null) {
            if (group.role() != Role.USER) {
                members.change(caller.actor(), organization, UserId.parse(member.userId()),
                        new Members.MemberChange(Role.USER, null, null, null));
            }
            return;
        }
        List<String> rights = new ArrayList<>(member.rights());
        rights.remove(group.right().name());
        changeRights(caller, organization, member, rights);
    }

    /** A right the vendor approves itself is asked for in the portal, never granted silently by a directory. */
    private void changeRights(ScimCaller caller, OrganizationId organization, MemberView member, List<String> rights) {
        UserId user = UserId.parse(member.userId());
        if (members.needsApproval(caller.actor(), organization, user, rights)) {
            throw new ScimException(403, null, "scim.error.needsApproval");
        }
        members.change(caller.actor(), organization, user, new Members.MemberChange(null, rights, null, null));
    }

    private MemberView member(ScimCaller caller, OrganizationId organization, UUID user) {
        try {
            return members.get(caller.actor(), organization, new UserId(user));
        } catch (NotFoundException e) {
            throw ScimException.invalidValue("members: " + user);
        }
    }

    private Group find(String id) {
        return catalog.find(id).orElseThrow(() -> ScimException.notFound("Group"));
    }

    private ScimGroupResource.Members members(OrganizationId organization) {
        return new ScimGroupResource.Members(store.rightHolders(organization), store.roleHolders(organization),
                store.names(organization));
    }
}

package io.gatehouse.member;

import io.gatehouse.access.Role;
import io.gatehouse.organization.SiteView;
import java.util.List;
import java.util.Set;

/**
 * One organization a person belongs to, as someone who manages members there sees it: role,
 * whether they are blocked, the organization's sites with those the person reaches, and why
 * removing them would be refused (null when it would not).
 */
public record Affiliation(String organizationId, String organizationName, Role role, boolean blocked,
        List<SiteView> organizationSites, Set<String> siteIds, String removeRefusal) {

    public Affiliation {
        organizationSites = List.copyOf(organizationSites);
        siteIds = Set.copyOf(siteIds);
    }

    public boolean allSites() {
        return role.reachesAllSites();
    }

    public boolean reaches(String siteId) {
        return allSites() || siteIds.contains(siteId);
    }

    public List<SiteView> sitesReached() {
        return organizationSites.stream().filter(s -> reaches(s.id())).toList();
    }
}

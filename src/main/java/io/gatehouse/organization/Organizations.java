package io.gatehouse.organization;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.SiteId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
@EnableConfigurationProperties(RegionSettings.class)
public class Organizations {

    private final OrganizationRepository organizations;
    private final SiteRepository sites;
    private final AccessPolicy policy;
    private final RegionSettings regions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JdbcClient jdbc;

    Organizations(OrganizationRepository organizations, SiteRepository sites, AccessPolicy policy, RegionSettings regions,
            ApplicationEventPublisher events, Clock clock, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.sites = sites;
        this.policy = policy;
        this.regions = regions;
        this.events = events;
        this.clock = clock;
    }

    public OrganizationView create(Actor actor, String name, String region, ManagementMode mode) {
        policy.createOrganization(actor).orThrow();
        String checkedRegion = region(region);
        if (organizations.existsByNameKey(Organization.key(name))) {
            throw new ConflictException("name", "conflict.organization.name");
        }
        Organization organization = organizations.save(new Organization(name, checkedRegion, mode, clock.instant()));
        events.publishEvent(new Audited(actor.ref(), new OrganizationId(organization.id()), "organization.created",
                "organization", organization.id().toString(), null, organization.snapshot()));
        return OrganizationView.of(organization);
    }

    /** Read with plain SQL: the pages of an organization read it at every request. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public OrganizationView get(Actor actor, OrganizationId id) {
        OrganizationView organization = jdbc.sql("select " + VIEW_COLUMNS + " from organization where id = ?")
                .param(id.value())
                .query((rs, n) -> view(rs))
                .optional().orElseThrow(() -> new NotFoundException("organization"));
        maySee(actor, id);
        return organization;
    }

    /** Those the actor may see: every organization for vendor staff, their own for everyone else. */
    @Transactional(readOnly = true)
    public PageResult<OrganizationView> list(Actor actor, String query, PageRequest page) {
        String prefix = likePrefix(query);
        org.springframework.data.domain.PageRequest pageable = org.springframework.data.domain.PageRequest.of(page.page(), page.size());
        if (actor.isVendorStaff()) {
            return new PageResult<>(organizations.findByNameKeyStartingWithOrderByNameKey(prefix, pageable).stream().map(OrganizationView::of).toList(),
                    organizations.countByNameKeyStartingWith(prefix), page.page(), page.size());
        }
        List<UUID> ids = actor.organizations().values().stream()
                .filter(Actor.OrganizationAccess::active)
                .map(a -> a.organizationId().value()).toList();
        if (ids.isEmpty()) {
            return new PageResult<>(List.of(), 0, page.page(), page.size());
        }
        // A person's own organizations are few: one statement reads them all, the page is cut here.
        List<OrganizationView> matching = jdbc.sql("select " + VIEW_COLUMNS + ", name_key from organization where id in (:ids)")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(rs.getString(7), view(rs)))
                .list().stream()
                .filter(row -> row.getKey().startsWith(prefix))
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList();
        int from = (int) Math.min((long) page.page() * page.size(), matching.size());
        int to = Math.min(from + page.size(), matching.size());
        return new PageResult<>(matching.subList(from, to), matching.size(), page.page(), page.size());
    }

    private static final String VIEW_COLUMNS = "id, name, region, management_mode, default_language, created_at";

    private static OrganizationView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new OrganizationView(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getString(3),
                ManagementMode.valueOf(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant());
    }

    public OrganizationView update(Actor actor, OrganizationId id, String name, String region, ManagementMode mode) {
        return update(actor, id, name, region, mode, null);
    }

    /** A null field stays as it is. The default language is the vendor's setting, like region and mode. */
    public OrganizationView update(Actor actor, OrganizationId id, String name, String region, ManagementMode mode,
            String defaultLanguage) {
        Organization organization = visible(actor, id);
        String language = defaultLanguage == null ? null : language(defaultLanguage);
        boolean vendorSettings = (region != null && !region.equals(organization.region()))
                || (mode != null && mode != organization.managementMode())
                || (language != null && !language.equals(organization.defaultLanguage()));
        policy.editOrganization(actor, id, vendorSettings).orThrow();
        Map<String, Object> before = organization.snapshot();
        if (name != null) {
            if (organizations.existsByNameKeyAndIdNot(Organization.key(name), organization.id())) {
                throw new ConflictException("name", "conflict.organization.name");
            }
            organization.rename(name);
        }
        if (region != null) {
            organization.moveTo(region(region));
        }
        if (mode != null) {
            organization.manage(mode);
        }
        if (language != null) {
            organization.speak(language);
        }
        organization = organizations.save(organization);
        Map<String, Object> after = organization.snapshot();
        if (!before.equals(after)) {
            events.publishEvent(new Audited(actor.ref(), id, "organization.updated", "organization", id.toString(), before, after));
        }
        return OrganizationView.of(organization);
    }

    @Transactional(readOnly = true)
    public List<SiteView> sites(Actor actor, OrganizationId id) {
        visible(actor, id);
        return sites(id);
    }

    /**
     * Sites of an organization the caller has already been allowed to see. Read with plain SQL:
     * single sign-on reads them at every token.
     */
    @Transactional(readOnly = true)
    public List<SiteView> sites(OrganizationId id) {
        return jdbc.sql("select id, name, created_at from site where organization_id = ? order by name_key")
                .param(id.value())
                .query((rs, n) -> new SiteView(rs.getObject(1, UUID.class).toString(), rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    public SiteView addSite(Actor actor, OrganizationId id, String name) {
        visible(actor, id);
        policy.manageSites(actor, id).orThrow();
        if (sites.existsByOrganizationIdAndNameKey(id.value(), Organization.key(name))) {
            throw new ConflictException("name", "conflict.site.name");
        }
        Site site = sites.save(new Site(id.value(), name, clock.instant()));
        events.publishEvent(new Audited(actor.ref(), id, "site.created", "site", site.id().toString(), null,
                Map.of("name", site.name())));
        return SiteView.of(site);
    }

    @Transactional(readOnly = true)
    public SiteView site(Actor actor, OrganizationId id, SiteId siteId) {
        visible(actor, id);
        return sites.findByIdAndOrganizationId(siteId.value(), id.value()).map(SiteView::of)
                .orElseThrow(() -> new NotFoundException("site"));
    }

    /** Every id must name a site of this organization; a foreign or unknown one is a field error. */
    @Transactional(readOnly = true)
    public void requireSites(OrganizationId id, Set<SiteId> siteIds, String field) {
        if (siteIds.isEmpty()) {
            return;
        }
        Set<UUID> own = new java.util.HashSet<>(sites.findByOrganizationIdOrderByNameKey(id.value()).stream().map(Site::id).toList());
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        for (SiteId site : siteIds) {
            if (!own.contains(site.value())) {
                errors.add(new InvalidInputException.FieldError(field, "validation.site.unknown", List.of(site.toString())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** The organization if the actor may see it; 404 otherwise, so foreign ids reveal nothing. */
    private Organization visible(Actor actor, OrganizationId id) {
        Organization organization = organizations.findById(id.value()).orElseThrow(() -> new NotFoundException("organization"));
        maySee(actor, id);
        return organization;
    }

    private void maySee(Actor actor, OrganizationId id) {
        var decision = policy.seeOrganization(actor, id);
        if (decision.denied()) {
            if ("policy.membershipBlocked".equals(decision.reason())) {
                decision.orThrow();
            }
            throw new NotFoundException("organization");
        }
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public void requireVisible(Actor actor, OrganizationId id) {
        if (!actor.isVendorStaff() && actor.in(id).isPresent()) {
            // The person's own membership holds the organization in place: no need to read it.
            var decision = policy.seeOrganization(actor, id);
            if (decision.denied()) {
                if ("policy.membershipBlocked".equals(decision.reason())) {
                    decision.orThrow();
                }
                throw new NotFoundException("organization");
            }
            return;
        }
        visible(actor, id);
    }

    /** The organization's name, for features that have already decided the caller may see it. */
    @Transactional(readOnly = true)
    public String name(OrganizationId id) {
        return organizations.findById(id.value()).map(Organization::name).orElseThrow(() -> new NotFoundException("organization"));
    }

    /** The organization, for features that have already decided the caller may see it (plain SQL: read at every token). */
    @Transactional(readOnly = true)
    public java.util.Optional<OrganizationView> find(OrganizationId id) {
        return jdbc.sql("select name, region, management_mode, default_language, created_at from organization where id = ?")
                .param(id.value())
                .query((rs, n) -> new OrganizationView(id.value().toString(), rs.getString(1), rs.getString(2),
                        ManagementMode.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .optional();
    }

    /** The language code ("fr") for mail to this organization's people who have not chosen one. */
    @Transactional(readOnly = true)
    public String defaultLanguage(OrganizationId id) {
        return organizations.findById(id.value()).map(Organization::defaultLanguage).orElse("en");
    }

    /** The regions the vendor serves, in the order the vendor lists them. */
    public java.util.List<String> regions() {
        return regions.regions();
    }

    @Transactional(readOnly = true)
    public boolean exists(OrganizationId id) {
        return organizations.findById(id.value()).isPresent();
    }

    private static String language(String code) {
        try {
            return io.gatehouse.user.Language.of(code.strip()).code();
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("defaultLanguage", "validation.language.unknown", "en, fr, es, ja");
        }
    }

    private String region(String region) {
        String normalized = region == null ? "" : region.strip().toUpperCase(Locale.ROOT);
        if (!regions.regions().contains(normalized)) {
            throw InvalidInputException.of("region", "validation.region.unknown", String.join(", ", regions.regions()));
        }
        return normalized;
    }

    private static String likePrefix(String query) {
        return query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    }
}

package io.gatehouse.oidc;

import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogApplication;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.Decision;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.Memberships;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an application may learn of a person signing in to it for one organization, read afresh at
 * every sign-in, token and refresh: nothing here is cached, so a change made a moment ago is what
 * the next token says.
 */
@Service
class SignOns {

    private final Accounts accounts;
    private final Memberships memberships;
    private final Organizations organizations;
    private final Catalog catalog;

    SignOns(Accounts accounts, Memberships memberships, Organizations organizations, Catalog catalog) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.organizations = organizations;
        this.catalog = catalog;
    }

    record Application(UUID id, String name, Set<String> rights) {
    }

    /** A person in one organization, as one application sees them, with the decision to let them in. */
    record Person(AccountView account, boolean emailVerified, OrganizationView organization, MemberFacts membership,
            Application application, List<SiteView> sites, Decision decision) {

        Set<String> applicationRights() {
            return membership == null ? Set.of() : membership.rights().stream().filter(application.rights()::contains)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    /** An organization the person may choose for an application, and whether they could use it there. */
    record Choice(OrganizationId id, String name, boolean allowed) {
    }

    Optional<Application> application(UUID id) {
        return catalog.application(id).map(SignOns::application);
    }

    private static Application application(CatalogApplication app) {
        return new Application(app.id(), app.name(), app.rights().stream().map(CatalogRight::name).collect(Collectors.toSet()));
    }

    @Transactional(readOnly = true)
    Optional<Person> person(UserId user, OrganizationId organizationId, UUID applicationId) {
        Optional<Application> application = application(applicationId);
        Optional<OrganizationView> organization = organizations.find(organizationId);
        Optional<Accounts.AccountWithTerms> found = accounts.findWithTerms(user);
        if (found.isEmpty() || application.isEmpty() || organization.isEmpty()) {
            return Optional.empty();
        }
        AccountView account = found.get().account();
        MemberFacts membership = memberships.find(organizationId, user).orElse(null);
        Decision decision = SignOnPolicy.signOn(!account.disabled(), membership, application.get().rights());
        List<SiteView> sites = membership == null ? List.of() : sites(organizationId, membership);
        // Proved by its owner when they registered through the link mailed to it.
        boolean emailVerified = found.get().terms().isPresent();
        return Optional.of(new Person(account, emailVerified, organization.get(), membership, application.get(), sites, decision));
    }

    /** The person's organizations, in name order, with whether each lets them into the application. */
    @Transactional(readOnly = true)
    List<Choice> choices(UserId user, UUID applicationId) {
        Set<String> rights = application(applicationId).map(Application::rights).orElse(Set.of());
        boolean active = accounts.isActive(user);
        return memberships.of(user).stream()
                .map(m -> new Choice(m.organizationId(), organizations.name(m.organizationId()),
                        SignOnPolicy.signOn(active, m, rights).allowed()))
                .sorted(Comparator.comparing(Choice::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private List<SiteView> sites(OrganizationId organization, MemberFacts membership) {
        List<SiteView> all = organizations.sites(organization);
        if (membership.role().reachesAllSites()) {
            return all;
        }
        Set<SiteId> held = membership.sites();
        return all.stream().filter(site -> held.contains(site.siteId())).toList();
    }

    /**
     * The claims of the person: standard ones by scope (profile, email), and Gatehouse's
     * authorization claims always — org, role, this application's rights only, sites.
     */
    static Map<String, Object> claims(Person person, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        AccountView account = person.account();
        if (scopes.contains("email")) {
            claims.put("email", account.email());
            claims.put("email_verified", person.emailVerified());
        }
        if (scopes.contains("profile")) {
            claims.put("given_name", account.firstName());
            claims.put("family_name", account.lastName());
            claims.put("name", (account.firstName() + " " + account.lastName()).strip());
            claims.put("locale", account.language().code());
            if (account.timeZone() != null) {
                claims.put("zoneinfo", account.timeZone());
            }
            claims.put("date_format", account.dateFormat().pattern());
        }
        claims.putAll(authorization(person));
        return claims;
    }

    /** What resource servers decide on: also carried by access tokens. */
    static Map<String, Object> authorization(Person person) {
        Map<String, Object> claims = new LinkedHashMap<>();
        OrganizationView organization = person.organization();
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", organization.id());
        org.put("name", organization.name());
        org.put("region", organization.region());
        claims.put("org", org);
        if (person.membership() != null) {
            claims.put("role", person.membership().role().name());
        }
        // Plain ArrayList and LinkedHashMap: the authorization server stores the claims as JSON and reads
        // back only the collection types it trusts.
        claims.put("rights", new java.util.ArrayList<>(person.applicationRights()));
        java.util.ArrayList<Map<String, Object>> sites = new java.util.ArrayList<>();
        for (SiteView site : person.sites()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", site.id());
            one.put("name", site.name());
            sites.add(one);
        }
        claims.put("sites", sites);
        return claims;
    }
}
